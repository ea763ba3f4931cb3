"""A private LibreOffice for one test: started headless with its own profile, driven over UNO.

Used by the scripts beside it (Debian's /usr/bin/python3 with python3-uno).
"""
import contextlib
import os
import subprocess
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def _connect(pipe, timeout=90):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.time() > deadline:
                raise
            time.sleep(0.25)


@contextlib.contextmanager
def office():
    """Yields a Desktop; its own profile folder lets tests run LibreOffice side by side."""
    profile = tempfile.mkdtemp(prefix="jixiao-lo-")
    pipe = f"jixiao{os.getpid()}"
    process = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
         f"--accept=pipe,name={pipe};urp;",
         f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = _connect(pipe)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        yield desktop
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as the office quits
    finally:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def load(desktop, path):
    """Opens a document hidden, as a person's LibreOffice would open it."""
    return desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))


def save_xlsx(doc, path):
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(path)),
                   (prop("FilterName", "Calc MS Excel 2007 XML"),))
