-- Who may act: people (password hashed with Argon2id) and systems (API keys, kept only as their
-- SHA-256), one name space for both; their sessions (kept only as the SHA-256 of the token); and
-- who and from where for security events.
create table principals (
  name varchar(64) primary key,
  kind varchar(8) not null,
  role varchar(16) not null,
  routers varchar(1000),
  secret_hash varchar(200) not null,
  disabled boolean not null default false,
  created_at timestamp with time zone not null,
  last_used_at timestamp with time zone
);
create unique index principals_secret_idx on principals (secret_hash);

create table auth_sessions (
  token_hash char(64) primary key,
  principal varchar(64) not null,
  created_at timestamp with time zone not null,
  last_used_at timestamp with time zone not null,
  ended_at timestamp with time zone
);
create index auth_sessions_principal_idx on auth_sessions (principal);

alter table security_events add column principal varchar(80);
alter table security_events add column client_address varchar(64);
