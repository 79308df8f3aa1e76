-- One row per slot of an attempt: the version it was graded on, the response and its grade.
CREATE TABLE attempt_questions (
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
  state               TEXT    NOT NULL
    CHECK (state IN ('gradedright', 'gradedpartial', 'gradedwrong', 'gaveup', 'needsgrading')),
  feedback            TEXT    NOT NULL CHECK (json_valid(feedback)),
  right_answer        TEXT    NOT NULL,
  comment             TEXT,
  graded_at           TEXT,
  UNIQUE (attempt_id, slot)
) STRICT;

CREATE INDEX attempt_questions_question ON attempt_questions (question_id);
CREATE INDEX attempt_questions_version ON attempt_questions (question_version_id);
