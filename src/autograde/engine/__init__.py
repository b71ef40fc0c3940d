"""The grading engine: everything between a submission and its ``Report``.

The processes of one check, drawn once (the other modules and the README refer here):

    autograde (the caller: CLI, classroom, regrade, validate; never imports learner code nor pytest)
      └─ pytest session with engine.plugin on graders/<unit>     trusted: graders, reference, libraries
           ├─ B  jailed worker, PID 1 of its own namespaces        untrusted from here down
           │    └─ D  test process: runs tests in order while they pass, records what the
           │         learner's code returns; any other verdict comes from a fresh D
           └─ V  verifier, one process per submission, jailed too   trusted: re-runs each passed
                                                                    test on the recorded values

The trust line runs between the session (and V) and B: nothing B or D sends is believed.  A
session kept up for checks one after another (``session.Warm``) starts the next check's B and V
while it waits (``loop.Ahead``) and tells them the submission, as data, when it comes.  Who
does what:
- ``grading``: the one entry point (``grade``, ``grade_many``, and ``warm`` for checks one after
  another in a session kept up); ``intake`` turns a folder, a ``.py`` file or a notebook into
  the folder graded; ``session`` starts the pytest session (``Warm``: one kept up);
  ``policy`` says what learner code may not see and what the session's environment holds.
- in the session: ``plugin`` (the marker, the fixtures, the run loop), ``loop`` (record in D,
  replay in V, one verdict per graded test), ``warmup`` (what is loaded once before forking).
- processes: ``sandbox`` (the session's side: forks B and V, enforces wall clocks), ``worker``
  (B and D), ``jail`` (the namespaces and mounts).
- data across the trust line: ``recording`` and ``codec`` (values as plain data, decoded
  without ever running any), ``guard`` (V's audit hook), ``outcomes`` (statuses).
- ``submission``: a folder of learner modules, imported only in D.
"""
