-- The report's roll-ups (worker/db/report-rollup-schema.ts), kept by triggers so that every write that
-- changes a count (a tag, an untag, a codebook merge, a redaction merging excerpts, a change of
-- moderation status, a withdrawal) changes it in the same statement. Two layers: report_facts (one
-- row per counted response, and per objective or theme it is tagged with) and report_cells (counts
-- per report cell, from the facts). A fact repeats its response's quarter and filter columns, so the
-- cells' triggers never read responses, which a withdrawal's cascade has already deleted.
-- Counted tags: confirmed, first round or settled. The quarter number is year * 4 + financial quarter:
-- the UTC month an hour later (UK midnight is 23:00 UTC in April, July and October), except in
-- December (1 January is midnight UTC) (worker/reports/period.ts, quarterNumber).
-- A form version's rating questions, read once from its definition.
CREATE TRIGGER form_versions_report_ratings AFTER INSERT ON form_versions
BEGIN
  INSERT OR IGNORE INTO report_rating_questions (form_version_id, question_id) SELECT NEW.id, json_extract(q.value, '$.id') FROM json_each(NEW.definition, '$.pages') p, json_each(p.value, '$.questions') q WHERE json_extract(q.value, '$.type') = 'rating';
END;
--> statement-breakpoint
-- A form version is immutable (responses keep pointing at the words they answered; the seeds add a new
-- version named by its hash, never rewrite one): a rewritten definition would leave ratings counted
-- under questions that are no longer ratings, so it is refused.
CREATE TRIGGER form_versions_immutable BEFORE UPDATE OF definition ON form_versions
BEGIN
  SELECT RAISE(ABORT, 'form_versions are immutable: add a new version');
END;
--> statement-breakpoint
-- A response counts from the moment it is queued for moderation, unless it arrives excluded.
CREATE TRIGGER moderation_report_added AFTER INSERT ON moderation
BEGIN
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT r.id, 'response', '', '', CAST(strftime('%Y', r.submitted_at / 1000 + CASE WHEN strftime('%m', r.submitted_at / 1000, 'unixepoch') = '12' THEN 0 ELSE 3600 END, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', r.submitted_at / 1000 + CASE WHEN strftime('%m', r.submitted_at / 1000, 'unixepoch') = '12' THEN 0 ELSE 3600 END, 'unixepoch') AS INTEGER) - 1) / 3, r.channel, r.form_version_id, COALESCE(r.organisation_id, ''), COALESCE(r.session_id, ''), NEW.status = 'done', 0, '[]'
  FROM responses r WHERE r.id = NEW.response_id AND NEW.status != 'excluded';
  DELETE FROM report_facts WHERE response_id = NEW.response_id AND kind != 'response';
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
  FROM report_facts f
    JOIN (SELECT objective_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND objective_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY objective_id) c
    JOIN objectives o ON o.id = c.objective_id
  WHERE f.response_id = NEW.response_id AND f.kind = 'response';
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'theme', c.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
  FROM report_facts f
    JOIN (SELECT theme_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND theme_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY theme_id) c
  WHERE f.response_id = NEW.response_id AND f.kind = 'response';
END;
--> statement-breakpoint
-- Excluded responses never count; done ones count as moderated. Any change of status is counted again.
CREATE TRIGGER moderation_report_status AFTER UPDATE OF status ON moderation WHEN OLD.status IS NOT NEW.status
BEGIN
  DELETE FROM report_facts WHERE response_id = NEW.response_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT r.id, 'response', '', '', CAST(strftime('%Y', r.submitted_at / 1000 + CASE WHEN strftime('%m', r.submitted_at / 1000, 'unixepoch') = '12' THEN 0 ELSE 3600 END, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', r.submitted_at / 1000 + CASE WHEN strftime('%m', r.submitted_at / 1000, 'unixepoch') = '12' THEN 0 ELSE 3600 END, 'unixepoch') AS INTEGER) - 1) / 3, r.channel, r.form_version_id, COALESCE(r.organisation_id, ''), COALESCE(r.session_id, ''), NEW.status = 'done', 0, '[]'
  FROM responses r WHERE r.id = NEW.response_id AND NEW.status != 'excluded';
  DELETE FROM report_facts WHERE response_id = NEW.response_id AND kind != 'response';
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
  FROM report_facts f
    JOIN (SELECT objective_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND objective_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY objective_id) c
    JOIN objectives o ON o.id = c.objective_id
  WHERE f.response_id = NEW.response_id AND f.kind = 'response';
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'theme', c.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
  FROM report_facts f
    JOIN (SELECT theme_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND theme_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY theme_id) c
  WHERE f.response_id = NEW.response_id AND f.kind = 'response';
END;
--> statement-breakpoint
-- No moderation row, nothing counted.
CREATE TRIGGER moderation_report_removed AFTER DELETE ON moderation
BEGIN
  DELETE FROM report_facts WHERE response_id = OLD.response_id;
END;
--> statement-breakpoint
-- A rating answer written after the response was queued (answers normally come first): its objectives counted again.
CREATE TRIGGER answers_report_rating_added AFTER INSERT ON answers WHEN EXISTS (SELECT 1 FROM report_facts f JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = NEW.question_id WHERE f.response_id = NEW.response_id AND f.kind = 'response')
BEGIN
  DELETE FROM report_facts WHERE response_id = NEW.response_id AND kind != 'response';
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
  FROM report_facts f
    JOIN (SELECT objective_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND objective_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY objective_id) c
    JOIN objectives o ON o.id = c.objective_id
  WHERE f.response_id = NEW.response_id AND f.kind = 'response';
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'theme', c.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
  FROM report_facts f
    JOIN (SELECT theme_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND theme_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY theme_id) c
  WHERE f.response_id = NEW.response_id AND f.kind = 'response';
END;
--> statement-breakpoint
-- A rating answer changed in place.
CREATE TRIGGER answers_report_rating_changed AFTER UPDATE OF value ON answers WHEN EXISTS (SELECT 1 FROM report_facts f JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = NEW.question_id WHERE f.response_id = NEW.response_id AND f.kind = 'response')
BEGIN
  DELETE FROM report_facts WHERE response_id = NEW.response_id AND kind != 'response';
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
  FROM report_facts f
    JOIN (SELECT objective_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND objective_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY objective_id) c
    JOIN objectives o ON o.id = c.objective_id
  WHERE f.response_id = NEW.response_id AND f.kind = 'response';
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'theme', c.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
  FROM report_facts f
    JOIN (SELECT theme_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND theme_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY theme_id) c
  WHERE f.response_id = NEW.response_id AND f.kind = 'response';
END;
--> statement-breakpoint
-- A tag made on a theme that has been merged (a merge committed between reading the codebook and
-- tagging) goes onto the theme it was merged into, as the merge moved every other tag.
CREATE TRIGGER tags_onto_merged_theme AFTER INSERT ON tags WHEN NEW.theme_id IS NOT NULL AND EXISTS (SELECT 1 FROM themes WHERE id = NEW.theme_id AND merged_into IS NOT NULL)
BEGIN
  UPDATE tags SET theme_id = (SELECT merged_into FROM themes WHERE id = NEW.theme_id) WHERE id = NEW.id;
END;
--> statement-breakpoint
-- A tag added: its objective or theme counted again for its response.
CREATE TRIGGER tags_report_added AFTER INSERT ON tags
BEGIN
  DELETE FROM report_facts WHERE response_id = NEW.response_id AND kind = 'objective' AND subject = NEW.objective_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
  FROM report_facts f
    JOIN objectives o ON o.id = NEW.objective_id
    JOIN (SELECT COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND objective_id = NEW.objective_id AND state = 'confirmed' AND round IN ('first', 'settled')) c ON c.n > 0
  WHERE f.response_id = NEW.response_id AND f.kind = 'response' AND EXISTS (SELECT 1 FROM responses WHERE id = NEW.response_id);
  DELETE FROM report_facts WHERE response_id = NEW.response_id AND kind = 'theme' AND subject = NEW.theme_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'theme', NEW.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
  FROM report_facts f
    JOIN (SELECT COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND theme_id = NEW.theme_id AND state = 'confirmed' AND round IN ('first', 'settled')) c ON c.n > 0
  WHERE f.response_id = NEW.response_id AND f.kind = 'response' AND NEW.theme_id IS NOT NULL AND EXISTS (SELECT 1 FROM responses WHERE id = NEW.response_id);
END;
--> statement-breakpoint
-- A tag removed (by hand, a codebook merge, a redaction merging excerpts, or a withdrawal's cascade).
CREATE TRIGGER tags_report_removed AFTER DELETE ON tags
BEGIN
  DELETE FROM report_facts WHERE response_id = OLD.response_id AND kind = 'objective' AND subject = OLD.objective_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
  FROM report_facts f
    JOIN objectives o ON o.id = OLD.objective_id
    JOIN (SELECT COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = OLD.response_id AND objective_id = OLD.objective_id AND state = 'confirmed' AND round IN ('first', 'settled')) c ON c.n > 0
  WHERE f.response_id = OLD.response_id AND f.kind = 'response' AND EXISTS (SELECT 1 FROM responses WHERE id = OLD.response_id);
  DELETE FROM report_facts WHERE response_id = OLD.response_id AND kind = 'theme' AND subject = OLD.theme_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'theme', OLD.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
  FROM report_facts f
    JOIN (SELECT COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = OLD.response_id AND theme_id = OLD.theme_id AND state = 'confirmed' AND round IN ('first', 'settled')) c ON c.n > 0
  WHERE f.response_id = OLD.response_id AND f.kind = 'response' AND OLD.theme_id IS NOT NULL AND EXISTS (SELECT 1 FROM responses WHERE id = OLD.response_id);
END;
--> statement-breakpoint
-- A tag moved (a merge of themes or excerpts), rejected, or settled: both what it was and what it is counted again.
CREATE TRIGGER tags_report_changed AFTER UPDATE OF excerpt_id, objective_id, theme_id, state, round ON tags
BEGIN
  DELETE FROM report_facts WHERE response_id = OLD.response_id AND kind = 'objective' AND subject = OLD.objective_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
  FROM report_facts f
    JOIN objectives o ON o.id = OLD.objective_id
    JOIN (SELECT COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = OLD.response_id AND objective_id = OLD.objective_id AND state = 'confirmed' AND round IN ('first', 'settled')) c ON c.n > 0
  WHERE f.response_id = OLD.response_id AND f.kind = 'response' AND EXISTS (SELECT 1 FROM responses WHERE id = OLD.response_id);
  DELETE FROM report_facts WHERE response_id = OLD.response_id AND kind = 'theme' AND subject = OLD.theme_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'theme', OLD.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
  FROM report_facts f
    JOIN (SELECT COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = OLD.response_id AND theme_id = OLD.theme_id AND state = 'confirmed' AND round IN ('first', 'settled')) c ON c.n > 0
  WHERE f.response_id = OLD.response_id AND f.kind = 'response' AND OLD.theme_id IS NOT NULL AND EXISTS (SELECT 1 FROM responses WHERE id = OLD.response_id);
  DELETE FROM report_facts WHERE response_id = NEW.response_id AND kind = 'objective' AND subject = NEW.objective_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
  FROM report_facts f
    JOIN objectives o ON o.id = NEW.objective_id
    JOIN (SELECT COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND objective_id = NEW.objective_id AND state = 'confirmed' AND round IN ('first', 'settled')) c ON c.n > 0
  WHERE f.response_id = NEW.response_id AND f.kind = 'response' AND EXISTS (SELECT 1 FROM responses WHERE id = NEW.response_id);
  DELETE FROM report_facts WHERE response_id = NEW.response_id AND kind = 'theme' AND subject = NEW.theme_id;
  INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
  SELECT f.response_id, 'theme', NEW.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
  FROM report_facts f
    JOIN (SELECT COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE response_id = NEW.response_id AND theme_id = NEW.theme_id AND state = 'confirmed' AND round IN ('first', 'settled')) c ON c.n > 0
  WHERE f.response_id = NEW.response_id AND f.kind = 'response' AND NEW.theme_id IS NOT NULL AND EXISTS (SELECT 1 FROM responses WHERE id = NEW.response_id);
END;
--> statement-breakpoint
-- Cells of a response fact: added.
CREATE TRIGGER report_facts_response_added AFTER INSERT ON report_facts WHEN NEW.kind = 'response'
BEGIN
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts) SELECT 'responses', '', '', '', NEW.quarter, NEW.channel, NEW.form_version_id, NEW.organisation_id, NEW.session_id, 1, 0 WHERE true ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts) SELECT 'done', '', '', '', NEW.quarter, NEW.channel, NEW.form_version_id, NEW.organisation_id, NEW.session_id, 1, 0 WHERE NEW.done ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
END;
--> statement-breakpoint
-- Cells of a response fact: taken off.
CREATE TRIGGER report_facts_response_removed AFTER DELETE ON report_facts WHEN OLD.kind = 'response'
BEGIN
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts) SELECT 'responses', '', '', '', OLD.quarter, OLD.channel, OLD.form_version_id, OLD.organisation_id, OLD.session_id, -1, 0 WHERE true ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts) SELECT 'done', '', '', '', OLD.quarter, OLD.channel, OLD.form_version_id, OLD.organisation_id, OLD.session_id, -1, 0 WHERE OLD.done ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
END;
--> statement-breakpoint
-- Cells of a objective fact: added.
CREATE TRIGGER report_facts_objective_added AFTER INSERT ON report_facts WHEN NEW.kind = 'objective'
BEGIN
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts) SELECT 'objective', NEW.framework_id, NEW.subject, '', NEW.quarter, NEW.channel, NEW.form_version_id, NEW.organisation_id, NEW.session_id, 1, NEW.excerpts WHERE true ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts)
  SELECT 'rating', NEW.framework_id, NEW.subject, json_extract(j.value, '$[0]') || char(31) || json_extract(j.value, '$[1]'), NEW.quarter, NEW.channel, NEW.form_version_id, NEW.organisation_id, NEW.session_id, 1, 0 FROM json_each(NEW.ratings) j WHERE true ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts)
  SELECT 'theme', NEW.framework_id, NEW.subject, t.subject, NEW.quarter, NEW.channel, NEW.form_version_id, NEW.organisation_id, NEW.session_id, 1, 0 FROM report_facts t WHERE t.response_id = NEW.response_id AND t.kind = 'theme' ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts)
  SELECT 'tagged', NEW.framework_id, '', '', NEW.quarter, NEW.channel, NEW.form_version_id, NEW.organisation_id, NEW.session_id, 1, 0
  WHERE NOT EXISTS (SELECT 1 FROM report_facts o WHERE o.response_id = NEW.response_id AND o.kind = 'objective' AND o.framework_id = NEW.framework_id AND o.subject != NEW.subject) ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
END;
--> statement-breakpoint
-- Cells of a objective fact: taken off.
CREATE TRIGGER report_facts_objective_removed AFTER DELETE ON report_facts WHEN OLD.kind = 'objective'
BEGIN
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts) SELECT 'objective', OLD.framework_id, OLD.subject, '', OLD.quarter, OLD.channel, OLD.form_version_id, OLD.organisation_id, OLD.session_id, -1, -OLD.excerpts WHERE true ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts)
  SELECT 'rating', OLD.framework_id, OLD.subject, json_extract(j.value, '$[0]') || char(31) || json_extract(j.value, '$[1]'), OLD.quarter, OLD.channel, OLD.form_version_id, OLD.organisation_id, OLD.session_id, -1, 0 FROM json_each(OLD.ratings) j WHERE true ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts)
  SELECT 'theme', OLD.framework_id, OLD.subject, t.subject, OLD.quarter, OLD.channel, OLD.form_version_id, OLD.organisation_id, OLD.session_id, -1, 0 FROM report_facts t WHERE t.response_id = OLD.response_id AND t.kind = 'theme' ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts)
  SELECT 'tagged', OLD.framework_id, '', '', OLD.quarter, OLD.channel, OLD.form_version_id, OLD.organisation_id, OLD.session_id, -1, 0
  WHERE NOT EXISTS (SELECT 1 FROM report_facts o WHERE o.response_id = OLD.response_id AND o.kind = 'objective' AND o.framework_id = OLD.framework_id AND o.subject != OLD.subject) ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
END;
--> statement-breakpoint
-- Cells of a theme fact: added.
CREATE TRIGGER report_facts_theme_added AFTER INSERT ON report_facts WHEN NEW.kind = 'theme'
BEGIN
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts)
  SELECT 'theme', o.framework_id, o.subject, NEW.subject, NEW.quarter, NEW.channel, NEW.form_version_id, NEW.organisation_id, NEW.session_id, 1, 0 FROM report_facts o WHERE o.response_id = NEW.response_id AND o.kind = 'objective' ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
END;
--> statement-breakpoint
-- Cells of a theme fact: taken off.
CREATE TRIGGER report_facts_theme_removed AFTER DELETE ON report_facts WHEN OLD.kind = 'theme'
BEGIN
  INSERT INTO report_cells (kind, framework_id, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id, responses, excerpts)
  SELECT 'theme', o.framework_id, o.subject, OLD.subject, OLD.quarter, OLD.channel, OLD.form_version_id, OLD.organisation_id, OLD.session_id, -1, 0 FROM report_facts o WHERE o.response_id = OLD.response_id AND o.kind = 'objective' ON CONFLICT (framework_id, kind, objective_id, detail, quarter, channel, form_version_id, organisation_id, session_id) DO UPDATE SET responses = responses + excluded.responses, excerpts = excerpts + excluded.excerpts;
END;
--> statement-breakpoint
-- An empty cell goes, so the table holds only what is there.
CREATE TRIGGER report_cells_emptied AFTER UPDATE OF responses, excerpts ON report_cells WHEN NEW.responses = 0 AND NEW.excerpts = 0
BEGIN
  DELETE FROM report_cells WHERE rowid = NEW.rowid;
END;
--> statement-breakpoint
-- What is already there: rating questions, then every counted response, then its objectives and themes (their triggers fill the cells).
INSERT OR IGNORE INTO report_rating_questions (form_version_id, question_id) SELECT fv.id, json_extract(q.value, '$.id') FROM form_versions fv, json_each(fv.definition, '$.pages') p, json_each(p.value, '$.questions') q WHERE json_extract(q.value, '$.type') = 'rating' AND fv.id IS NOT NULL;
--> statement-breakpoint
INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
SELECT r.id, 'response', '', '', CAST(strftime('%Y', r.submitted_at / 1000 + CASE WHEN strftime('%m', r.submitted_at / 1000, 'unixepoch') = '12' THEN 0 ELSE 3600 END, 'unixepoch') AS INTEGER) * 4 + (CAST(strftime('%m', r.submitted_at / 1000 + CASE WHEN strftime('%m', r.submitted_at / 1000, 'unixepoch') = '12' THEN 0 ELSE 3600 END, 'unixepoch') AS INTEGER) - 1) / 3, r.channel, r.form_version_id, COALESCE(r.organisation_id, ''), COALESCE(r.session_id, ''), m.status = 'done', 0, '[]'
FROM responses r JOIN moderation m ON m.response_id = r.id WHERE m.status != 'excluded';
--> statement-breakpoint
INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
SELECT f.response_id, 'theme', c.theme_id, '', f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, '[]'
FROM (SELECT response_id, theme_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE theme_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY response_id, theme_id) c
  JOIN report_facts f ON f.response_id = c.response_id AND f.kind = 'response';
--> statement-breakpoint
INSERT INTO report_facts (response_id, kind, subject, framework_id, quarter, channel, form_version_id, organisation_id, session_id, done, excerpts, ratings)
SELECT f.response_id, 'objective', o.id, o.framework_id, f.quarter, f.channel, f.form_version_id, f.organisation_id, f.session_id, 0, c.n, (SELECT json_group_array(json_array(a.question_id, a.value)) FROM answers a JOIN report_rating_questions q ON q.form_version_id = f.form_version_id AND q.question_id = a.question_id WHERE a.response_id = f.response_id)
FROM (SELECT response_id, objective_id, COUNT(DISTINCT excerpt_id) AS n FROM tags WHERE objective_id IS NOT NULL AND state = 'confirmed' AND round IN ('first', 'settled') GROUP BY response_id, objective_id) c
  JOIN report_facts f ON f.response_id = c.response_id AND f.kind = 'response'
  JOIN objectives o ON o.id = c.objective_id;
