"""The task worker as the tests start it: the default queue, no start-up delay, no limit."""


def queue_worker(worker_class, *, interval, batch):
    """A ``worker_class`` (the stock worker or ``ResilientWorker``) on the default queue.

    ``batch``: stop once the queue is empty; ``interval``: seconds between two polls.
    """
    return worker_class(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
