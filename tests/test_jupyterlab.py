"""JupyterLab serves the notebooks: a real server on 127.0.0.1 with a random token, driven through its REST
and kernel (websocket) APIs, then stopped by its own process id."""
from __future__ import annotations

import configparser
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import nbformat
import pytest
import websocket  # websocket-client, pinned in the notebook extra and environment.yml

from greenland_lib.paths import REPO_ROOT
from greenland_lib.report import notebook_paths

HOST = "127.0.0.1"  # loopback only
NOTEBOOK = "notebooks/00-overview.ipynb"
STARTUP_SECONDS = 60
SANITIZE = REPO_ROOT / "tests" / "nbval-sanitize.cfg"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _request(base: str, path: str, token: str | None, method: str = "GET", body: dict | None = None,
             token_in: str = "header"):
    """Send one request; return (status, decoded JSON body or None)."""
    url = f"{base}{path}"
    headers = {"Content-Type": "application/json"}
    if token is not None and token_in == "header":
        headers["Authorization"] = f"token {token}"
    elif token is not None:
        url += ("&" if "?" in url else "?") + f"token={token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            raw = resp.read()
            return resp.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as err:
        return err.code, None


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server rooted at the repository, with private Jupyter folders; stopped by its pid."""
    tmp = tmp_path_factory.mktemp("jupyter")
    port, token = _free_port(), secrets.token_urlsafe(32)
    env = dict(os.environ)
    for var in ("JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR"):
        env[var] = str(tmp / var.lower())
    # The kernelspec stays findable: Jupyter also searches <sys.prefix>/share/jupyter, i.e. the venv's own
    # python3 kernel, and ipykernel provides the native python3 kernel in any case.
    env.pop("JUPYTER_PATH", None)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--ip={HOST}", f"--port={port}",
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={REPO_ROOT}"]
    log = tmp / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=tmp)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
            try:
                if _request(base, "/api/status", token)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab not ready after {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.25)
        yield {"base": base, "token": token, "port": port, "proc": proc, "log": log}
    finally:
        proc.send_signal(signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:  # nothing listens any more
            assert sock.connect_ex((HOST, port)) != 0, f"port {port} still open after stopping pid {proc.pid}"


def test_server_listens_on_loopback_only(lab):
    status, body = _request(lab["base"], "/api/status", lab["token"])
    assert status == 200 and "started" in body
    assert f"http://{HOST}:{lab['port']}/" in lab["log"].read_text()


@pytest.mark.parametrize("path", ["/api/contents/notebooks", "/api/kernels", "/api/sessions", "/api/kernelspecs",
                                  f"/api/contents/{NOTEBOOK}"])
def test_unauthorised_requests_are_refused(lab, path):
    assert _request(lab["base"], path, None)[0] == 403
    assert _request(lab["base"], path, "wrong-" + lab["token"])[0] == 403
    assert _request(lab["base"], path, "wrong-" + lab["token"], token_in="query")[0] == 403


def test_unauthorised_kernel_start_is_refused(lab):
    assert _request(lab["base"], "/api/kernels", None, "POST", {"name": "python3"})[0] == 403
    status, kernels = _request(lab["base"], "/api/kernels", lab["token"])
    assert status == 200 and kernels == []


def test_notebooks_are_listed(lab):
    status, listing = _request(lab["base"], "/api/contents/notebooks", lab["token"])
    assert status == 200 and listing["type"] == "directory"
    names = {item["name"] for item in listing["content"] if item["type"] == "notebook"}
    expected = {p.name for p in notebook_paths()}
    assert expected and expected <= names


def test_overview_opens(lab):
    status, model = _request(lab["base"], f"/api/contents/{NOTEBOOK}?content=1", lab["token"])
    assert status == 200 and model["type"] == "notebook" and model["format"] == "json"
    on_disk = nbformat.read(REPO_ROOT / NOTEBOOK, as_version=4)
    served = model["content"]
    assert [c["source"] for c in served["cells"]] == [c.source for c in on_disk.cells]
    assert served["metadata"]["kernelspec"]["name"] == "python3"
    status, specs = _request(lab["base"], "/api/kernelspecs", lab["token"])
    assert status == 200 and "python3" in specs["kernelspecs"]


def _sanitizers() -> list[tuple[re.Pattern, str]]:
    """The same regex/replace pairs nbval applies (tests/nbval-sanitize.cfg)."""
    cfg = configparser.ConfigParser()
    cfg.read(SANITIZE, encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def _comparable(outputs: list[dict]) -> list[tuple[str, str, str]]:
    """(output type, mimetype or stream name, sanitized text) for the outputs nbval compares."""
    rules = _sanitizers()
    rows = []
    for out in outputs:
        kind = out["output_type"]
        if kind == "stream":
            items = [(out["name"], out["text"])]
        elif kind in ("execute_result", "display_data"):
            items = [(mime, out["data"][mime]) for mime in ("text/plain", "text/html") if mime in out["data"]]
        else:
            items = [(kind, json.dumps(out))]
        for key, text in items:
            text = "".join(text) if isinstance(text, list) else text
            for pattern, replace in rules:
                text = pattern.sub(replace, text)
            rows.append((kind, key, text))
    return rows


def _execute(ws, session: str, code: str, timeout: float = 120) -> tuple[dict, list[dict]]:
    """Run one cell through the kernel's channels websocket; return (execute_reply content, outputs)."""
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session, "username": "test",
                   "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True},
    }))
    reply, outputs, idle = None, [], False
    deadline = time.monotonic() + timeout
    while reply is None or not idle:
        assert time.monotonic() < deadline, f"no reply within {timeout} s for: {code[:80]}"
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = msg["header"]["msg_type"], msg["content"]
        if msg["channel"] == "shell" and kind == "execute_reply":
            reply = content
        elif kind == "status" and content["execution_state"] == "idle":
            idle = True
        elif kind == "stream":
            if outputs and outputs[-1]["output_type"] == "stream" and outputs[-1]["name"] == content["name"]:
                outputs[-1]["text"] += content["text"]  # nbformat merges consecutive stream chunks
            else:
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
        elif kind in ("execute_result", "display_data"):
            outputs.append({"output_type": kind, "data": content["data"]})
        elif kind == "error":
            outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"]})
    return reply, outputs


def test_overview_runs_through_the_kernel_api_and_reproduces_its_outputs(lab):
    base, token = lab["base"], lab["token"]
    status, session = _request(base, "/api/sessions", token, "POST", {
        "path": NOTEBOOK, "name": Path(NOTEBOOK).name, "type": "notebook", "kernel": {"name": "python3"}})
    assert status == 201, status
    kernel_id = session["kernel"]["id"]
    ws_url = f"ws://{HOST}:{lab['port']}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
    with pytest.raises(websocket.WebSocketBadStatusException):  # the kernel socket is refused without the token
        websocket.create_connection(ws_url, timeout=30)
    ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=120)
    try:
        nb = nbformat.read(REPO_ROOT / NOTEBOOK, as_version=4)
        code_cells = [c for c in nb.cells if c.cell_type == "code"]
        assert code_cells
        client_session, compared = uuid.uuid4().hex, 0
        for n, cell in enumerate(code_cells, start=1):
            reply, outputs = _execute(ws, client_session, cell.source)
            assert reply["status"] == "ok", f"cell {n} failed: {reply}"
            assert reply["execution_count"] == n == cell.execution_count
            assert not [o for o in outputs if o["output_type"] == "error"], outputs
            assert _comparable(outputs) == _comparable(cell.outputs), f"cell {n} gave different outputs"
            compared += len(cell.outputs)
        assert compared, "the notebook has no stored outputs to compare"
    finally:
        ws.close()
        assert _request(base, f"/api/sessions/{session['id']}", token, "DELETE")[0] == 204
    assert _request(base, "/api/kernels", token)[1] == []

