// `npm start`: the HTTP service. A start that cannot go ahead prints why on one line per problem and exits 1.
import { StartError, startService } from './start.js';

try {
  await startService();
} catch (error) {
  if (!(error instanceof StartError)) throw error;
  process.stderr.write(`qbank: ${error.message}\n`);
  process.exit(1);
}
