"""A local SMTP sink for the benches: accepts every message on 127.0.0.1 and appends one line per
message to a log, tab-separated: the time it was accepted (Unix seconds), the envelope
recipients, the subject and the Message-ID. Runs until SIGTERM or SIGINT.

    .venv/bin/python bench/smtp_sink.py --port 2525 --log /tmp/sink.tsv --delay 0.03

--delay holds each message that long before answering 250, as a real server takes a moment,
so that a worker killed in a batch is killed in mid-send now and then.
"""

import argparse
import signal
import threading
import time
from email import message_from_bytes
from pathlib import Path

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, log: Path, delay: float):
        self.log, self.delay, self.lock = log, delay, threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        time.sleep(self.delay)
        message = message_from_bytes(envelope.original_content)
        fields = [
            f"{time.time():.3f}",
            ",".join(envelope.rcpt_tos),
            str(message["Subject"] or "").replace("\t", " "),
            str(message["Message-ID"] or ""),
        ]
        with self.lock, self.log.open("a") as out:
            out.write("\t".join(fields) + "\n")
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--delay", type=float, default=0.0)
    arguments = parser.parse_args()
    arguments.log.touch()
    controller = Controller(
        Sink(arguments.log, arguments.delay), hostname="127.0.0.1", port=arguments.port
    )
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"SMTP sink on 127.0.0.1:{arguments.port}, log {arguments.log}", flush=True)
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
