import { isIP } from "node:net";

/** The address range an IP belongs to: IPv4 by `ipv4PrefixLength` bits, IPv6 by /48. */
export function addressRange(ip: string | undefined, ipv4PrefixLength: number): string | null {
  if (!ip) return null;
  const address = ip.trim().toLowerCase();
  if (isIP(address) === 4) {
    const value = address.split(".").reduce((sum, part) => sum * 256 + Number(part), 0);
    const size = 2 ** (32 - ipv4PrefixLength);
    const base = Math.floor(value / size) * size;
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256);
    return `${octets.join(".")}/${ipv4PrefixLength}`;
  }
  if (isIP(address) === 6) {
    const [head = "", tail = ""] = address.split("::");
    const left = head ? head.split(":") : [];
    const right = tail ? tail.split(":") : [];
    const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
    return `${groups
      .slice(0, 3)
      .map((group) => group.replace(/^0+(?=.)/, ""))
      .join(":")}::/48`;
  }
  return null;
}

/** A user agent's product name (what comes before the first "/" or space), lower case: versions change, products do not. */
export function userAgentProduct(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const product = userAgent.trim().split(/[\s/]/, 1)[0]?.toLowerCase() ?? "";
  return product.length > 0 ? product.slice(0, 100) : null;
}
