-- a semicolon inside a string; and a comment; must not split the statement
create table ordered_b (id int primary key, note varchar(40) default 'x;y' not null);
