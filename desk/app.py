"""Wiring of the desk: settings, logs, the replica, the sync worker, sign-in and the main
window; `--demo` runs all of it against an embedded demo service on loopback."""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_log_dir

from desk import settings as desk_settings

if TYPE_CHECKING:
    from desk.sync.operators import Operator
    from desk.sync.replica import Replica
    from desk.views.main_window import MainWindow
    from desk.views.services import DeskServices

log = logging.getLogger("desk")

# What must never reach a log file: documents and phones (long digit runs), e-mail
# addresses, tokens and other long opaque strings.
_REDACT = (
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<email>"),
    (re.compile(r"(?<![\w-])[A-Za-z0-9_\-]{32,}(?![\w-])"), "<secret>"),
    (re.compile(r"\+?\d[\d\s-]{5,}\d[Xx]?"), "<number>"),
)


def redact(text: str) -> str:
    for pattern, replacement in _REDACT:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites every record with personal numbers, addresses and secrets taken out."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


def setup_logging(directory: Path | None = None) -> Path:
    """A rotating UTF-8 log in the platform's log directory; stderr gets warnings."""
    folder = directory or Path(user_log_dir("fairdesk", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "desk.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    console.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    root.addHandler(console)
    return path


@dataclass(frozen=True)
class Options:
    data_dir: Path | None = None
    demo: bool = False


# -- the demo service --------------------------------------------------------------------

DEMO_OPERATOR = "demo_operator"
DEMO_PORT = 8765


@dataclass
class Demo:
    url: str
    operator: str
    password: str
    enrollment_code: str | None
    server: object


# The demo service of this process, while it runs.
RUNNING_DEMO: Demo | None = None


def _free_port(preferred: int) -> int:
    import socket

    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return int(sock.getsockname()[1])
    raise OSError("no free port")


def start_demo_service(folder: Path, *, enroll: bool) -> Demo:
    """The central service on loopback in a thread, over a seeded demo fair in `folder`."""
    import threading

    import uvicorn

    from central.core.config import Settings
    from central.db.engine import Database
    from central.db.migrate import migrate
    from central.main import create_app
    from central.services import accounts
    from central.services.seed import seed_demo

    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings(db=f"sqlite:///{folder / 'central.sqlite3'}", blob_dir=folder / "blobs")
    facts_file = folder / "demo.json"
    db = Database.from_url(settings.db, settings)
    migrate(db.engine)
    if not facts_file.exists():
        log.info("seeding the demo fair")
        report = seed_demo(db, settings, host_orgs=6, enterprises=60, people=300)
        users = {name: password for name, _role, password in report.users}
        facts_file.write_text(json.dumps({"users": users}), encoding="utf-8")
    users = json.loads(facts_file.read_text(encoding="utf-8"))["users"]
    code = None
    if enroll:
        with db.write() as session:
            _desk, code = accounts.new_enrollment(session, settings,
                                                  name=f"demo-desk-{int(time.time())}")
    db.dispose()
    port = _free_port(DEMO_PORT)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, name="demo-service", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the demo service did not start")
        time.sleep(0.02)
    global RUNNING_DEMO
    RUNNING_DEMO = Demo(f"http://127.0.0.1:{port}", DEMO_OPERATOR, users[DEMO_OPERATOR], code,
                        server)
    return RUNNING_DEMO


# -- the application ---------------------------------------------------------------------


def run(options: Options) -> int:
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    from desk.views.errors import install_exception_hook

    log_dir = None
    if options.demo:
        options = Options(options.data_dir or Path.cwd() / ".demo", True)
        log_dir = options.data_dir
    setup_logging(log_dir)
    install_exception_hook()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Fair Desk")
    app.setOrganizationName("fairdesk")
    app.setFont(QFont(["Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC",
                       app.font().family()], 10))
    window = start_desk(options)
    if window is None:
        return 1
    code = app.exec()
    window.services.shutdown()
    return int(code)


def start_desk(options: Options) -> MainWindow | None:
    """Open the replica (locked until someone signs in), enroll when new, sign the operator
    in (which opens it), and show the main window."""
    from desk.sync.engine import SyncEngine
    from desk.sync.enrollment import enroll
    from desk.sync.replica import open_desk_replica
    from desk.sync.worker import SyncWorker
    from desk.views.i18n import TRANSLATORS
    from desk.views.login import EnrollDialog, LoginDialog
    from desk.views.main_window import MainWindow
    from desk.views.services import DeskServices
    from desk.views.tasks import TaskManager

    settings = desk_settings.load()
    data_dir = options.data_dir or Path(settings.data_dir or desk_settings.default_data_dir())
    demo = None
    if options.demo:
        data_dir = data_dir / "desk"
        replica = _open_demo_replica(data_dir)
        enrolled = replica.identity().desk_id is not None
        demo = start_demo_service((options.data_dir or Path.cwd()) / "service",
                                  enroll=not enrolled)
        if not enrolled:
            assert demo.enrollment_code is not None
            enroll(replica, demo.url, demo.enrollment_code)
    else:
        replica = open_desk_replica(data_dir)
    TRANSLATORS.install(settings.language or "zh_CN")
    tasks = TaskManager()
    services = DeskServices(replica, tasks, settings=settings, data_dir=data_dir)
    if replica.identity().desk_id is None and not EnrollDialog(services).exec():
        return None
    if demo is not None:
        services.operator = _demo_sign_in(replica, demo)
        _follow_demo_service(replica, demo.url)
    else:
        login = LoginDialog(services)
        if not login.exec() or login.operator is None:
            return None
        services.operator = login.operator
    _prepare_search(replica)  # the replica is open now: the operator's sign-in unlocked it
    services.refresh_search()
    services.engine = SyncEngine(replica)
    services.start_sync(SyncWorker(services.engine))
    window = MainWindow(services)
    window.sign_out_requested.connect(lambda: _sign_in_again(window, services))
    window.show()
    if demo is not None:
        window.setWindowTitle(window.windowTitle() + "  [DEMO]")
        window.setProperty("demo_url", demo.url)
    return window


def _follow_demo_service(replica: Replica, url: str) -> None:
    """The demo service may get another port on the next run: the desk follows it."""
    from desk.sync.replica import sync_state

    with replica.write() as session:
        sync_state(session).service_url = url


def _prepare_search(replica: Replica) -> None:
    from desk.models.search import install_search_index

    with replica.write() as session:
        install_search_index(session.connection())


def _open_demo_replica(folder: Path) -> Replica:
    """The demo desk's replica; one left by an older build that cannot be opened any more
    (no key, or from before encryption) is demo data: start it again."""
    import shutil

    from desk.sync.errors import ReplicaLocked
    from desk.sync.replica import open_replica

    path = folder / desk_settings.REPLICA_NAME
    try:
        replica = open_replica(path)
        if not replica.locked or replica.identity().desk_id is not None:
            return replica
    except ReplicaLocked:
        pass
    shutil.rmtree(folder, ignore_errors=True)
    return open_replica(path)


def _demo_sign_in(replica: Replica, demo: Demo) -> Operator:
    from desk.sync.client import Client
    from desk.sync.operators import login

    with Client(demo.url, token=replica.identity().token) as client:
        return login(replica, client, demo.operator, demo.password)


def _sign_in_again(window: MainWindow, services: DeskServices) -> None:
    from desk.views.login import LoginDialog

    previous = services.operator
    window.hide()
    services.operator = None
    services.operator_changed.emit()
    login = LoginDialog(services, username=previous.username if previous else "")
    if login.exec() and login.operator is not None:
        services.operator = login.operator
        services.operator_changed.emit()
        window.show()
    else:
        window.close()


def main_options(data_dir: str | None, demo: bool) -> int:
    """Entry from `fairdesk` with no sub-command."""
    os.environ.setdefault("LANG", "C.UTF-8")
    return run(Options(Path(data_dir) if data_dir else None, demo))
