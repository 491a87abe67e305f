-- A source runs once at a time, whoever starts it (the schedule, "run now", another server).
alter table import_sources add column running_since timestamptz;
