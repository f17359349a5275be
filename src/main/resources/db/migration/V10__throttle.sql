-- The counters of every throttle (failed pickup logins, provisional applications), shared by all nodes. They replace
-- login_throttle: its counts only delayed guessing for minutes and need not survive the upgrade.
drop table login_throttle;

create table throttle (
    throttle_key   varchar(100)             primary key,
    hits           integer                  not null,
    window_ends_at timestamp with time zone not null,
    locked_until   timestamp with time zone
);

create index throttle_window_ends_at on throttle (window_ends_at);
