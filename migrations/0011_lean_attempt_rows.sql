-- Leaner rows for attempt_questions, which every submission writes once per graded slot. Rebuilt (SQLite changes
-- a table's checks no other way), keeping every row and its id:
-- - feedback and the right answer are no longer stored: they are derived when an attempt is read, from its
--   question version (never changed once stored) and its stored response, or for a teacher-graded essay from
--   its stored grade, as Moodle renders them at review time;
-- - the state check is written as comparisons: SQLite checks an IN list of more than two values through a
--   temporary table, built again for every row written;
-- - the index on question_id goes: no query reads it, and questions are retired, never deleted.
CREATE TABLE attempt_questions_lean (
  id                  INTEGER PRIMARY KEY,
  attempt_id          INTEGER NOT NULL REFERENCES attempts (id),
  slot                INTEGER NOT NULL CHECK (slot >= 1),
  question_id         INTEGER NOT NULL REFERENCES questions (id),
  question_version_id INTEGER NOT NULL REFERENCES question_versions (id),
  -- The model Response as JSON, or null when the question was left out.
  response            TEXT    CHECK (response IS NULL OR json_valid(response)),
  fraction            REAL,
  mark                REAL,
  max_mark            REAL    NOT NULL,
  state               TEXT    NOT NULL CHECK (
    state = 'gradedright' OR state = 'gradedpartial' OR state = 'gradedwrong' OR state = 'gaveup' OR state = 'needsgrading'
  ),
  comment             TEXT,
  graded_at           TEXT,
  UNIQUE (attempt_id, slot)
) STRICT;

INSERT INTO attempt_questions_lean (id, attempt_id, slot, question_id, question_version_id, response, fraction, mark,
    max_mark, state, comment, graded_at)
  SELECT id, attempt_id, slot, question_id, question_version_id, response, fraction, mark, max_mark, state, comment,
    graded_at
  FROM attempt_questions;
DROP TABLE attempt_questions;
ALTER TABLE attempt_questions_lean RENAME TO attempt_questions;
CREATE INDEX attempt_questions_version ON attempt_questions (question_version_id);

-- No query reads attempts by key_id alone (an idempotency key has its own index), and keys are never deleted.
DROP INDEX attempts_key;
