namespace MovieNews.Web.Features.Accounts;

/// <summary><c>create-user --email E --name "Display Name" --role Editor</c>, with the password read from standard input.</summary>
public static class CreateUserCommand
{
    public const string Name = "create-user";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        var email = ValueOf(args, "--email");
        var name = ValueOf(args, "--name");
        var role = ValueOf(args, "--role") ?? Roles.Editor;
        var canonicalRole = Roles.All.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase));
        if (string.IsNullOrWhiteSpace(email) || name is null || canonicalRole is null)
        {
            await output.WriteLineAsync("Usage: create-user --email EMAIL --name \"DISPLAY NAME\" [--role Editor|Admin]   (password on standard input)");
            return 2;
        }

        // Before asking for the password, so a bad name does not waste the typing.
        var displayName = DisplayNames.Check(name);
        if (displayName.Problem is not null)
        {
            await output.WriteLineAsync($"Could not create {email}: {displayName.Problem}");
            return 1;
        }

        if (!Console.IsInputRedirected)
        {
            await output.WriteAsync($"Password for {email}: ");
        }

        var password = (await input.ReadLineAsync())?.TrimEnd('\r') ?? string.Empty;
        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<FirstAdmin>().CreateAsync(email, password, canonicalRole, name);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"Could not create {email}: {FirstAdmin.Describe(result)}");
            return 1;
        }

        await output.WriteLineAsync($"Created {canonicalRole} {email}, signing as “{displayName.Name}”.");
        return 0;
    }

    private static string? ValueOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
