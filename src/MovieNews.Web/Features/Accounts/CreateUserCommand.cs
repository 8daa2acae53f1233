namespace MovieNews.Web.Features.Accounts;

/// <summary><c>create-user --email E --role Editor</c>, with the password read from standard input.</summary>
public static class CreateUserCommand
{
    public const string Name = "create-user";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        var email = ValueOf(args, "--email");
        var role = ValueOf(args, "--role") ?? Roles.Editor;
        var canonicalRole = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
        if (string.IsNullOrWhiteSpace(email) || canonicalRole is null)
        {
            await output.WriteLineAsync("Usage: create-user --email EMAIL [--role Editor|Admin]   (password on standard input)");
            return 2;
        }

        if (!Console.IsInputRedirected)
        {
            await output.WriteAsync($"Password for {email}: ");
        }

        var password = (await input.ReadLineAsync())?.TrimEnd('\r') ?? string.Empty;
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<FirstAdmin>().CreateAsync(email, password, canonicalRole);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"Could not create {email}: {FirstAdmin.Describe(result)}");
            return 1;
        }

        await output.WriteLineAsync($"Created {canonicalRole} {email}.");
        return 0;
    }

    private static string? ValueOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
