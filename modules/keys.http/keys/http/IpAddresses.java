package keys.http;

/**
 * A client address as Django's {@code GenericIPAddressField(unpack_ipv4=True)} stores it: IPv4
 * as is, IPv6 lowercase with its longest run of two or more zero groups as {@code ::} (Python's
 * {@code ipaddress}), no zone; null when the server could not tell.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    static String normalize(String address) {
        if (address == null || address.equals("unknown")) {
            return null;
        }
        int zone = address.indexOf('%');
        String a = zone >= 0 ? address.substring(0, zone) : address;
        if (a.indexOf(':') < 0) {
            return a;
        }
        String[] groups = a.split(":", -1);
        if (groups.length != 8) {
            return a.toLowerCase(java.util.Locale.ROOT); // already compressed
        }
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (Integer.parseInt(groups[i], 16) != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && Integer.parseInt(groups[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestLen > 1 && i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            out.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }
}
