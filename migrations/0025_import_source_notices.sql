-- What the people who set sources up were last told about a source (its status and error), so that a
-- source failing the same way night after night is told once; cleared when a run loads again.
alter table import_sources add column last_notice text;
