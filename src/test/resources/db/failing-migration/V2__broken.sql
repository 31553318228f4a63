insert into failing_a (id) values (1);
insert into no_such_table (id) values (2);
