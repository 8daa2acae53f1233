using System.Net;
using MovieNews.IntegrationTests.Support;

namespace MovieNews.IntegrationTests.Admin;

public sealed class TightLoginLimitFactory : MovieNewsFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Accounts:LoginAttemptsPerMinute"] = "3",
    };
}

public sealed class LoginRateLimitTests(TightLoginLimitFactory factory) : IClassFixture<TightLoginLimitFactory>
{
    [Fact]
    public async Task Too_many_sign_in_attempts_from_one_address_answer_429_with_retry_after()
    {
        var client = factory.CreateBrowserClient("192.0.2.200");
        var page = await client.GetOkPageAsync("/account/login");
        var wrong = new Dictionary<string, string?> { ["Email"] = "x@example.com", ["Password"] = "nope" };
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SubmitAsync(page, "form", wrong)).StatusCode);
        }

        var limited = await client.SubmitAsync(page, "form", wrong);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await factory.CreateBrowserClient("192.0.2.201").SubmitAsync("/account/login", "form", wrong)).StatusCode);
    }
}
