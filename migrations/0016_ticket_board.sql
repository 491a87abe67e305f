-- The board walks each state's open cases by deadline and stops at 50.
create index process_cases_state_due_idx on process_cases (state, due_at, id) where status = 'open';
