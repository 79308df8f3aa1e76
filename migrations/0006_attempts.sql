-- Submitted attempts, numbered per quiz and user from 1.
CREATE TABLE attempts (
  id              INTEGER PRIMARY KEY,
  quiz_id         INTEGER NOT NULL REFERENCES quizzes (id),
  user_id         TEXT    NOT NULL,
  attempt_number  INTEGER NOT NULL CHECK (attempt_number >= 1),
  state           TEXT    NOT NULL CHECK (state IN ('finished', 'needsgrading')),
  submitted_at    TEXT    NOT NULL,
  -- Moodle's attempt sumgrades, NUMBER(10,5); null while a question waits for a manual grade.
  sum_grades      REAL,
  max_grade       REAL    NOT NULL,
  key_id          INTEGER REFERENCES api_keys (id),
  idempotency_key TEXT,
  request_hash    TEXT,
  UNIQUE (quiz_id, user_id, attempt_number),
  CHECK (idempotency_key IS NULL OR key_id IS NOT NULL)
) STRICT;

-- Listing a quiz's attempts in id order (the index ends with the rowid).
CREATE INDEX attempts_quiz ON attempts (quiz_id);
CREATE UNIQUE INDEX attempts_idempotency ON attempts (key_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
CREATE INDEX attempts_key ON attempts (key_id);
