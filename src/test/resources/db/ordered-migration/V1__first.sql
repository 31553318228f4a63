create table ordered_a (id int primary key);
