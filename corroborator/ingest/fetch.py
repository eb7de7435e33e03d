"""Fetch http(s) URLs safely: public addresses only, bounded size, time and redirects."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass

import httpx

from corroborator.errors import InputRejected
from corroborator.ingest.bounded import inflate_bounded
from corroborator.settings import Settings

USER_AGENT = "corroborator/0.1 (+https://example.invalid)"
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass
class Fetched:
    """A fetched body with the URL it finally came from and its Content-Type."""

    url: str
    data: bytes
    content_type: str


def is_url(item: str) -> bool:
    """Whether a command-line input names a URL (any scheme) rather than a path."""
    head, sep, _ = item.partition("://")
    return bool(sep) and head.isalpha() and len(head) <= 10


def _embedded(ip: IPAddress) -> IPAddress:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return ip.ipv4_mapped
        if ip.sixtofour:
            return ip.sixtofour
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def refused_address(ip: IPAddress, settings: Settings) -> str | None:
    """Why an address may not be contacted (private, loopback...), or None when it may."""
    ip = _embedded(ip)
    if any(ip in ipaddress.ip_network(n, strict=False) for n in settings.fetch_allow_networks):
        return None
    if settings.allow_private:
        return None
    for flag in ("loopback", "link_local", "multicast", "private", "reserved", "unspecified"):
        if getattr(ip, f"is_{flag}"):
            return f"{flag.replace('_', '-')} address {ip}"
    if not ip.is_global:
        return f"non-public address {ip}"
    return None


def check_url(url: httpx.URL, settings: Settings) -> str:
    """Resolve the host and check every address; return the address to connect to."""
    if not url.scheme:
        raise InputRejected(f"not a URL: {str(url)!r} (a URL starts with http:// or https://)")
    if url.scheme not in ("http", "https"):
        raise InputRejected(f"only http and https URLs are fetched, not {url.scheme}: "
                            f"({str(url)!r})")
    host = url.host
    if not host:
        raise InputRejected("URL has no host")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as e:
        raise InputRejected(f"cannot resolve {host} ({e})") from None
    addresses = []
    for info in infos:
        try:
            addresses.append(ipaddress.ip_address(str(info[4][0]).split("%")[0]))
        except ValueError:
            continue
    if not addresses:
        raise InputRejected(f"cannot resolve {host}")
    for ip in addresses:
        why = refused_address(ip, settings)
        if why:
            what = f"a {why}" if host.strip("[]") == str(ip) else f"{host} resolves to a {why}"
            raise InputRejected(f"refused: {what} (--allow-private permits)")
    return str(addresses[0])


def _pinned(url: httpx.URL, address: str) -> tuple[httpx.URL, dict[str, str], dict[str, str]]:
    """The URL rewritten to the checked address, so a second DNS answer cannot differ."""
    host_header = url.netloc.decode("ascii")
    extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
    return url.copy_with(host=address), {"Host": host_header}, extensions


def _read_body(response: httpx.Response, settings: Settings, deadline: float) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > settings.max_bytes:
        raise InputRejected(f"{length} bytes is over the {settings.max_bytes}-byte limit")
    body = bytearray()
    for chunk in response.iter_raw(64 * 1024):
        body += chunk
        if len(body) > settings.max_bytes:
            raise InputRejected(f"body is over the {settings.max_bytes}-byte limit")
        if time.monotonic() > deadline:
            raise InputRejected(f"took longer than {settings.fetch_timeout:g} s")
    encoding = response.headers.get("Content-Encoding", "").strip().lower()
    return inflate_bounded(bytes(body), encoding, settings.max_bytes)


def fetch(url_text: str, settings: Settings, client: httpx.Client | None = None) -> Fetched:
    """GET a URL, following at most ``settings.max_redirects`` redirects, each one checked."""
    if not is_url(url_text.strip()):
        raise InputRejected(f"not a URL: {url_text.strip()!r} (a URL starts with http:// or "
                            "https://)")
    try:
        url = httpx.URL(url_text.strip())
    except (httpx.InvalidURL, ValueError, TypeError) as e:
        raise InputRejected(f"not a valid URL: {url_text.strip()!r} ({e})") from None
    own = client is None
    client = client or make_client(settings)
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        for _hop in range(settings.max_redirects + 1):
            if time.monotonic() > deadline:
                raise InputRejected(f"took longer than {settings.fetch_timeout:g} s")
            address = check_url(url, settings)
            target, headers, extensions = _pinned(url, address)
            try:
                with client.stream("GET", target, headers=headers,
                                   extensions=extensions) as response:
                    if response.is_redirect and "Location" in response.headers:
                        try:
                            url = url.join(response.headers["Location"])
                        except (httpx.InvalidURL, ValueError) as e:
                            raise InputRejected(f"bad redirect ({e})") from None
                        continue
                    if response.status_code >= 400:
                        raise InputRejected(f"HTTP {response.status_code}")
                    data = _read_body(response, settings, deadline)
                    return Fetched(str(url), data, response.headers.get("Content-Type", ""))
            except httpx.TimeoutException:
                raise InputRejected(f"timed out after {settings.fetch_timeout:g} s") from None
            except httpx.HTTPError as e:
                raise InputRejected(f"fetch failed ({type(e).__name__}: {e})") from None
        raise InputRejected(f"more than {settings.max_redirects} redirects")
    finally:
        if own:
            client.close()


def make_client(settings: Settings) -> httpx.Client:
    """An HTTP client: no automatic redirects, no proxies from the environment, no reuse."""
    timeout = httpx.Timeout(settings.fetch_timeout, connect=min(10.0, settings.fetch_timeout))
    return httpx.Client(
        follow_redirects=False, timeout=timeout, trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),  # no reuse across pinned hosts
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate, identity",
                 "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                           "application/atom+xml,text/plain;q=0.9,*/*;q=0.5"},
    )
