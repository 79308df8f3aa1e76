-- What the statistics report reads, one compact row per attempt, clustered by quiz so that a quiz's
-- attempts are one contiguous range scan. Blobs are little-endian:
--   fractions: float64 per graded slot in slot order (NaN = no fraction);
--   classes:   int16 response-class index per (slot, part) in order (-1 = none).
CREATE TABLE attempt_stats (
  quiz_id        INTEGER NOT NULL REFERENCES quizzes (id),
  attempt_id     INTEGER NOT NULL REFERENCES attempts (id),
  user_id        TEXT    NOT NULL,
  attempt_number INTEGER NOT NULL,
  sum_grades     REAL,
  fractions      BLOB    NOT NULL,
  classes        BLOB    NOT NULL,
  PRIMARY KEY (quiz_id, attempt_id)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX attempt_stats_attempt ON attempt_stats (attempt_id);
