// The OpenAPI 3.1 document, generated from the zod schemas the routes validate with.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

export function newRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `Authorization: Bearer <key>`. Admin keys may do everything; client keys read quizzes and submit attempts.',
  });
  return registry;
}

export function buildOpenApiDocument(registry: OpenAPIRegistry, version: string): object {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'qbank',
      version,
      description:
        'A question bank that speaks Moodle: GIFT and Moodle XML import and export, quizzes, graded attempts with ' +
        "Moodle's partial-credit rules, and Moodle's quiz statistics. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: '/' }],
  });
}
