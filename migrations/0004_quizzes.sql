-- Quizzes and their slots. A slot names a bank entry; an attempt uses the entry's current version.
CREATE TABLE quizzes (
  id         INTEGER PRIMARY KEY,
  idnumber   TEXT    UNIQUE,
  name       TEXT    NOT NULL,
  -- Moodle's quiz.grade: the grade an attempt's total is scaled to (NUMBER(10,5), default 10).
  grade      REAL    NOT NULL DEFAULT 10 CHECK (grade >= 0),
  created_at TEXT    NOT NULL
) STRICT;

CREATE TABLE quiz_slots (
  quiz_id     INTEGER NOT NULL REFERENCES quizzes (id),
  slot        INTEGER NOT NULL CHECK (slot >= 1),
  question_id INTEGER NOT NULL REFERENCES questions (id),
  -- Moodle's slot maxmark, NUMBER(12,7).
  max_mark    REAL    NOT NULL CHECK (max_mark >= 0),
  PRIMARY KEY (quiz_id, slot),
  -- Responses are keyed by question, so a question appears once per quiz (as Moodle allows).
  UNIQUE (quiz_id, question_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX quiz_slots_question ON quiz_slots (question_id);
