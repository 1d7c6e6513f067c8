"""A fictional national-scale installation for measuring Forløb (``manage.py generate_scale_data``).

- ``organisations``: municipalities (blocks of citizens), centres, teams, staff, standards;
- ``citizens``: fictional citizens with fictional, encrypted, blind-indexed CPR numbers;
- ``stories``: each citizen's courses as plain data (pure, deterministic per citizen and seed);
- ``casework``: the stories as model rows, bulk-inserted table by table;
- ``deadlines``: the deadline rows, from the engine's pure rules;
- ``audit``: about 30 events per citizen, appended to the hash chain in time order;
- ``run``: the steps, chunk by chunk, in one transaction.
"""
