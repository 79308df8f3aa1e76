-- Leaner rows on the tables every submission writes. Feedback and the right answer are no longer stored: they
-- are derived when an attempt is read, from its question version (never changed once stored) and its stored
-- response, or for a teacher-graded essay from its stored grade, as Moodle renders them at review time.
-- Indexes that no query reads go too: questions and keys are retired or revoked, never deleted.
ALTER TABLE attempt_questions DROP COLUMN feedback;
ALTER TABLE attempt_questions DROP COLUMN right_answer;
DROP INDEX attempt_questions_question;
DROP INDEX attempts_key;
