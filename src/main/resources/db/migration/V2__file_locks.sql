-- Read locks on files dropped into a shared folder: held by one instance (owner) while it imports
-- the file, kept alive by its heartbeat; a lock whose heartbeat stopped (its instance died) or
-- that is older than the maximum age is taken over by another instance.
create table file_locks (
  processor varchar(64) not null,
  lock_key varchar(512) not null,
  owner varchar(64) not null,
  acquired_at timestamp with time zone not null,
  heartbeat_at timestamp with time zone not null,
  primary key (processor, lock_key)
);
