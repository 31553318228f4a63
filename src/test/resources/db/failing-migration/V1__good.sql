create table failing_a (id int primary key);
