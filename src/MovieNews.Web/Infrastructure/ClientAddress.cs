using System.Net;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// Who a client is, for the limits that count per client (comment flood and attempts, sign-in). An IPv4 address
/// stands for itself; an IPv6 client usually holds a whole /64 and could rotate through it, so the /64 is the client.
/// </summary>
public static class ClientAddress
{
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
