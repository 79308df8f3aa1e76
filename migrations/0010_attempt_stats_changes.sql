-- A per-quiz counter of changes to attempt_stats rows already written: manual grades, regrades, deletions.
-- New attempts do not move it: a reader that keeps a quiz's rows in memory picks them up by attempt id
-- (they only grow), and re-reads the quiz in full when this counter has moved since its last read.
CREATE TABLE attempt_stats_changes (
  quiz_id INTEGER NOT NULL PRIMARY KEY,
  changes INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TRIGGER attempt_stats_updated AFTER UPDATE ON attempt_stats
BEGIN
  INSERT OR IGNORE INTO attempt_stats_changes (quiz_id) VALUES (old.quiz_id);
  UPDATE attempt_stats_changes SET changes = changes + 1 WHERE quiz_id = old.quiz_id;
  INSERT OR IGNORE INTO attempt_stats_changes (quiz_id) VALUES (new.quiz_id);
  UPDATE attempt_stats_changes SET changes = changes + 1 WHERE quiz_id = new.quiz_id AND new.quiz_id <> old.quiz_id;
END;

CREATE TRIGGER attempt_stats_deleted AFTER DELETE ON attempt_stats
BEGIN
  INSERT OR IGNORE INTO attempt_stats_changes (quiz_id) VALUES (old.quiz_id);
  UPDATE attempt_stats_changes SET changes = changes + 1 WHERE quiz_id = old.quiz_id;
END;
