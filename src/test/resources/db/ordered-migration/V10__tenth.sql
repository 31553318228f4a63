-- V10 runs after V2 (numeric order, not text order): it needs ordered_b.
insert into ordered_b (id) values (10);
