"""``manage.py run_worker``: django-tasks-db's worker (``db_worker``), made to outlive
database outages, with the same options.

The stock worker stops at the first lost connection and stays dead until someone
restarts it; this one logs the loss, closes its connections, waits (1 s, then twice as
long each time, at most a minute) and goes on with the queue.
"""

import logging
import time

from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as StockCommand
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("django_tasks")
FIRST_DELAY = 1.0
MAX_DELAY = 60.0


class ResilientWorker(Worker):
    def run(self):
        delay = FIRST_DELAY
        while self.running:
            started = time.monotonic()
            try:
                super().run()
                return
            except (OperationalError, InterfaceError) as error:
                if time.monotonic() - started > MAX_DELAY:
                    # It had been working for a while: this is a new outage.
                    delay = FIRST_DELAY
                logger.warning("Database unreachable (%s): retrying in %.0f s.", error, delay)
                connections.close_all()
                time.sleep(delay)
                delay = min(delay * 2, MAX_DELAY)


class Command(StockCommand):
    help = "Run the queued tasks (e-mails), surviving database outages."

    def handle(self, **options):
        if options["reload"]:
            logger.warning("--reload is not supported by this worker: ignored.")
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
