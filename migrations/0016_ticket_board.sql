-- The board walks each state's open cases by deadline and stops at 50.
create index process_cases_state_due_idx on process_cases (state, due_at, id) where status = 'open';
-- A step drops the pending timers of the state it leaves: found by case, not by scanning them all.
create index process_timers_case_idx on process_timers (case_id) where fired_at is null;
-- The queue of open tickets, newest first, whatever else it is filtered by.
create index tickets_open_created_idx on tickets (created_at desc, id desc) where closed_at is null;
