import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closeDatabase,
  openDatabase,
  openReadOnly,
  openStore,
  ping,
  roundDecimal,
  transaction,
} from '../../src/storage/index.js';
import { WAL_SIZE_LIMIT } from '../../src/storage/db.js';
import { float64Blob, float64FromBlob, int16Blob, int16FromBlob } from '../../src/storage/values.js';
import { useTempDir } from '../helpers/service.js';
import { useStore } from '../helpers/store.js';
import { NO_IDS, trueFalse } from './helpers.js';

const tempDir = useTempDir('qbank-storage-');

describe('openDatabase', () => {
  it('creates the missing folders and sets the pragmas', () => {
    const path = join(tempDir(), 'a', 'b', 'qbank.db');
    const db = openDatabase(path);
    try {
      expect(existsSync(path)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT);
      expect(ping(db)).toBe(true);
    } finally {
      closeDatabase(db);
    }
  });

  it('cuts the WAL file back after a long read let it grow past the limit', () => {
    const path = join(tempDir(), 'wal.db');
    const db = openDatabase(path);
    const reader = openReadOnly(db)!;
    try {
      db.exec('CREATE TABLE t (b BLOB)');
      const insert = db.prepare('INSERT INTO t VALUES (randomblob(?))');
      // A read transaction holds its snapshot (as a statistics report does) while 1 MB commits pile up.
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM t').get();
      const megabytes = WAL_SIZE_LIMIT / 2 ** 20 + 8;
      for (let i = 0; i < megabytes; i++) insert.run(2 ** 20);
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(WAL_SIZE_LIMIT);
      reader.exec('COMMIT');
      // Once a checkpoint has copied everything back, the next commit starts the WAL over and cuts the file.
      db.pragma('wal_checkpoint(PASSIVE)');
      insert.run(16);
      expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT);
    } finally {
      reader.close();
      closeDatabase(db);
    }
  });

  it('accepts :memory:', () => {
    const db = openDatabase(':memory:');
    expect(ping(db)).toBe(true);
    closeDatabase(db);
  });
});

describe('closeDatabase', () => {
  it('folds the WAL into the file, closes, and does nothing the second time', () => {
    const path = join(tempDir(), 'close.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);');
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    closeDatabase(db);
    expect(db.open).toBe(false);
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
    expect(ping(db)).toBe(false);
    closeDatabase(db);
    const again = openDatabase(path);
    expect(again.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2 });
    closeDatabase(again);
  });
});

describe('openStore', () => {
  it('migrates a new file and then finds nothing to apply', () => {
    const path = join(tempDir(), 'store.db');
    const first = openStore(path);
    expect(first.migrations.applied.length).toBeGreaterThan(0);
    expect(first.store.ping()).toBe(true);
    first.store.close();
    const second = openStore(path);
    expect(second.migrations.applied).toEqual([]);
    second.store.close();
  });
});

describe('transaction', () => {
  const { store } = useStore();

  it('commits everything the function did', () => {
    const s = store();
    const value = s.transaction(() => {
      s.settings.setSetting('a', '1');
      s.settings.setSetting('b', '2');
      return 42;
    });
    expect(value).toBe(42);
    expect(s.settings.listSettings()).toEqual({ a: '1', b: '2' });
  });

  it('leaves nothing behind when the function throws halfway, across repositories', () => {
    const s = store();
    expect(() =>
      transaction(s.db, () => {
        const category = s.categories.ensureCategoryPath('$course$/top/Imported');
        const created = s.questions.insertQuestions([
          { question: trueFalse('one'), categoryId: category.id, choiceIds: NO_IDS },
          { question: trueFalse('two'), categoryId: category.id, choiceIds: NO_IDS },
        ]);
        s.quizzes.createQuiz({ name: 'Quiz', slots: created.map((q) => ({ questionId: q.id, maxMark: 1 })) });
        s.settings.setSetting('loaded', 'yes');
        throw new Error('stop here');
      }),
    ).toThrow('stop here');
    expect(s.categories.listCategories()).toEqual([]);
    expect(s.questions.listQuestions({ includeRetired: true }).total).toBe(0);
    expect(s.quizzes.listQuizzes().total).toBe(0);
    expect(s.settings.getSetting('loaded')).toBeNull();
  });

  it('keeps the outer work when an inner repository call fails and is caught', () => {
    const s = store();
    s.transaction(() => {
      const category = s.categories.ensureCategoryPath('A');
      s.questions.createQuestion({ question: trueFalse('kept'), categoryId: category.id, choiceIds: NO_IDS });
      expect(() =>
        s.questions.insertQuestions([
          { question: trueFalse('lost'), categoryId: category.id, choiceIds: NO_IDS },
          { question: trueFalse('bad'), categoryId: 9999, choiceIds: NO_IDS },
        ]),
      ).toThrow(/category/);
    });
    expect(s.questions.listQuestions().items.map((q) => q.name)).toEqual(['kept']);
  });
});

describe('settings', () => {
  const { store } = useStore();

  it('sets, replaces, reads, lists and deletes', () => {
    const { settings } = store();
    expect(settings.getSetting('x')).toBeNull();
    settings.setSetting('x', 'one');
    settings.setSetting('x', 'two');
    settings.setSetting('a', '');
    expect(settings.getSetting('x')).toBe('two');
    expect(settings.listSettings()).toEqual({ a: '', x: 'two' });
    expect(settings.deleteSetting('x')).toBe(true);
    expect(settings.deleteSetting('x')).toBe(false);
    expect(settings.getSetting('x')).toBeNull();
  });
});

describe('stored values', () => {
  it.each([
    [1.000005, 5, 1.00001],
    [-1.000005, 5, -1.00001],
    [2.675, 2, 2.68],
    [1.005, 2, 1.01],
    [0.1 + 0.2, 5, 0.3],
    [1e-7, 5, 0],
    [-1e-7, 5, 0],
    [3.3333333, 5, 3.33333],
    [12, 5, 12],
    [1 / 3, 7, 0.3333333],
    [-0, 5, 0],
    [0.1234567000000001, 7, 0.1234567],
    [7728337.127379901, 7, 7728337.1273799],
    [0.5, 7, 0.5],
  ])('rounds %s at %s decimals half away from zero to %s', (x, places, expected) => {
    expect(Object.is(roundDecimal(x, places), expected)).toBe(true);
  });

  it('rounds as decimal arithmetic on the shortest form does, on random values', () => {
    // The oracle rounds the digits of String(x) by hand.
    const byDigits = (x: number, places: number): number => {
      const [, sign, int, frac = '', exp = '0'] = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x))!;
      const digits = int! + frac;
      const point = int!.length + Number(exp); // digits before the decimal point
      const keep = point + places; // digits kept
      if (keep < 0) return 0;
      const padded = digits.padEnd(keep + 1, '0');
      let kept = BigInt(padded.slice(0, keep) || '0');
      if (padded[keep]! >= '5') kept += 1n;
      const value = Number(`${kept}e-${places}`);
      return sign === '-' && value !== 0 ? -value : value;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: -1e8, max: 1e8, noNaN: true }),
          fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1e7),
          fc.integer({ min: -200, max: 200 }).map((n) => n / 8),
        ),
        fc.constantFrom(0, 2, 5, 7),
        (x, places) => {
          expect(Object.is(roundDecimal(x, places), byDigits(x, places))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('writes blobs little-endian and reads them back bit for bit', () => {
    const doubles = new Float64Array([1, -0, Number.NaN, 0.3333333, -1e300, Number.POSITIVE_INFINITY]);
    const blob = float64Blob(doubles);
    expect(blob.length).toBe(48);
    expect(blob.readDoubleLE(0)).toBe(1);
    const back = float64FromBlob(blob);
    doubles.forEach((value, i) => expect(Object.is(back[i], value)).toBe(true));
    const shorts = new Int16Array([-1, 0, 1, 32767, -32768]);
    const shortBlob = int16Blob(shorts);
    expect([...shortBlob.subarray(0, 2)]).toEqual([0xff, 0xff]);
    expect([...int16FromBlob(shortBlob)]).toEqual([...shorts]);
  });
});
