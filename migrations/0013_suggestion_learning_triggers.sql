-- Suggestions learn from moderators' tags (worker/db/suggest-schema.ts, worker/moderate/suggest/).
-- Stemming needs the app, so a new tag is queued (suggestion_pending) and learn.ts makes its example;
-- everything after that is kept here, so a removed tag, a codebook merge, a rejected or re-confirmed
-- tag, a redaction that rewrites an excerpt and a withdrawal all change what is learned at once.
-- Every new tag, confirmed or a rejected suggestion, waits to be learned (its terms need the app's stemmer).
CREATE TRIGGER tags_suggestion_pending AFTER INSERT ON tags
BEGIN
  INSERT OR IGNORE INTO suggestion_pending (tag_id) VALUES (NEW.id);
END;
--> statement-breakpoint
-- A tag that changes its objective, theme or state changes what its example teaches, at once.
CREATE TRIGGER tags_suggestion_changed AFTER UPDATE OF objective_id, theme_id, state ON tags
BEGIN
  UPDATE suggestion_examples SET subject = COALESCE(NEW.objective_id, NEW.theme_id), state = NEW.state WHERE tag_id = NEW.id;
END;
--> statement-breakpoint
-- A tag moved to another excerpt (excerpts merged by a redaction) is learned again from its new text.
CREATE TRIGGER tags_suggestion_moved AFTER UPDATE OF excerpt_id ON tags
BEGIN
  DELETE FROM suggestion_examples WHERE tag_id = NEW.id;
  INSERT OR IGNORE INTO suggestion_pending (tag_id) VALUES (NEW.id);
END;
--> statement-breakpoint
-- An excerpt's text rewritten (a redaction): forget what its tags taught, and learn them again from the new text.
CREATE TRIGGER excerpts_suggestion_rewritten AFTER UPDATE OF text ON excerpts
BEGIN
  DELETE FROM suggestion_examples WHERE tag_id IN (SELECT id FROM tags WHERE excerpt_id = NEW.id);
  INSERT OR IGNORE INTO suggestion_pending (tag_id) SELECT id FROM tags WHERE excerpt_id = NEW.id;
END;
--> statement-breakpoint
-- An example learned: its terms counted for its subject.
CREATE TRIGGER suggestion_examples_added AFTER INSERT ON suggestion_examples
BEGIN
  INSERT INTO suggestion_terms (term, subject, confirmed, rejected)
  SELECT j.value, NEW.subject, (NEW.state = 'confirmed'), (NEW.state = 'rejected') FROM json_each(NEW.terms) j WHERE true ON CONFLICT (term, subject) DO UPDATE SET confirmed = confirmed + excluded.confirmed, rejected = rejected + excluded.rejected;
  INSERT INTO suggestion_subjects (subject, examples, length)
  SELECT NEW.subject, 1, json_array_length(NEW.terms) WHERE NEW.state = 'confirmed' ON CONFLICT (subject) DO UPDATE SET examples = examples + excluded.examples, length = length + excluded.length;
END;
--> statement-breakpoint
-- An example forgotten (its tag removed, or withdrawn with its response): its terms taken off.
CREATE TRIGGER suggestion_examples_removed AFTER DELETE ON suggestion_examples
BEGIN
  INSERT INTO suggestion_terms (term, subject, confirmed, rejected)
  SELECT j.value, OLD.subject, -(OLD.state = 'confirmed'), -(OLD.state = 'rejected') FROM json_each(OLD.terms) j WHERE true ON CONFLICT (term, subject) DO UPDATE SET confirmed = confirmed + excluded.confirmed, rejected = rejected + excluded.rejected;
  INSERT INTO suggestion_subjects (subject, examples, length)
  SELECT OLD.subject, -1, -json_array_length(OLD.terms) WHERE OLD.state = 'confirmed' ON CONFLICT (subject) DO UPDATE SET examples = examples + excluded.examples, length = length + excluded.length;
END;
--> statement-breakpoint
-- An example's subject or state changed: off the old, onto the new.
CREATE TRIGGER suggestion_examples_changed AFTER UPDATE OF subject, state ON suggestion_examples
BEGIN
  INSERT INTO suggestion_terms (term, subject, confirmed, rejected)
  SELECT j.value, OLD.subject, -(OLD.state = 'confirmed'), -(OLD.state = 'rejected') FROM json_each(OLD.terms) j WHERE true ON CONFLICT (term, subject) DO UPDATE SET confirmed = confirmed + excluded.confirmed, rejected = rejected + excluded.rejected;
  INSERT INTO suggestion_subjects (subject, examples, length)
  SELECT OLD.subject, -1, -json_array_length(OLD.terms) WHERE OLD.state = 'confirmed' ON CONFLICT (subject) DO UPDATE SET examples = examples + excluded.examples, length = length + excluded.length;
  INSERT INTO suggestion_terms (term, subject, confirmed, rejected)
  SELECT j.value, NEW.subject, (NEW.state = 'confirmed'), (NEW.state = 'rejected') FROM json_each(NEW.terms) j WHERE true ON CONFLICT (term, subject) DO UPDATE SET confirmed = confirmed + excluded.confirmed, rejected = rejected + excluded.rejected;
  INSERT INTO suggestion_subjects (subject, examples, length)
  SELECT NEW.subject, 1, json_array_length(NEW.terms) WHERE NEW.state = 'confirmed' ON CONFLICT (subject) DO UPDATE SET examples = examples + excluded.examples, length = length + excluded.length;
END;
--> statement-breakpoint
-- A term no example holds any more goes.
CREATE TRIGGER suggestion_terms_emptied AFTER UPDATE OF confirmed, rejected ON suggestion_terms WHEN NEW.confirmed = 0 AND NEW.rejected = 0
BEGIN
  DELETE FROM suggestion_terms WHERE term = NEW.term AND subject = NEW.subject;
END;
--> statement-breakpoint
-- A subject with no confirmed example left goes.
CREATE TRIGGER suggestion_subjects_emptied AFTER UPDATE OF examples ON suggestion_subjects WHEN NEW.examples = 0
BEGIN
  DELETE FROM suggestion_subjects WHERE subject = NEW.subject;
END;
--> statement-breakpoint
-- Tags made before this: learned from the next chunk on.
INSERT OR IGNORE INTO suggestion_pending (tag_id) SELECT id FROM tags;
