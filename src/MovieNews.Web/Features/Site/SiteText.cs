using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MovieNews.Web.Features.Site;

/// <summary>
/// The site's words. Each is keyed by its English text (English needs no resource file); other languages live in
/// <c>Resources/Features/Site/SiteText.{language}.resx</c>. Views use <c>IHtmlLocalizer&lt;SiteText&gt;</c>, code
/// <c>IStringLocalizer&lt;SiteText&gt;</c>; static helpers use <see cref="Localizer"/>, the same lookup.
/// </summary>
public sealed class SiteText
{
    public const string ResourcesPath = "Resources";

    public static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = ResourcesPath }), NullLoggerFactory.Instance).Create(typeof(SiteText));

    /// <summary>The text in the page's language.</summary>
    public static string Get(string english) => Localizer[english];

    /// <summary>
    /// The text in the page's language, first letter capitalised: for a word that also stands mid-sentence, since two
    /// keys differing only in case would share one entry.
    /// </summary>
    public static string Capitalized(string english)
    {
        var text = Get(english);
        return text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentUICulture) + text[1..];
    }

    /// <summary>The text in the page's language with its placeholders filled in by that language's rules.</summary>
    public static string Format(string english, params object[] values) =>
        string.Format(CultureInfo.CurrentUICulture, Localizer[english], values);
}

/// <summary>
/// The site's language (<c>Site:Language</c>: <c>en</c> or <c>de</c>). It is one per site, not per visitor, so every
/// cached page is in it and no request can ask for another.
/// </summary>
public sealed class SiteLanguage
{
    public const string Setting = "Site:Language";
    public static readonly string[] Supported = ["en", "de"];

    public SiteLanguage(IConfiguration configuration)
    {
        var name = configuration[Setting] is { Length: > 0 } configured ? configured.Trim() : "en";
        var supported = Supported.FirstOrDefault(s => s.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"{Setting} is '{name}', which the site has no words for: use one of {string.Join(", ", Supported)}.");
        Culture = CultureInfo.GetCultureInfo(supported);
    }

    public CultureInfo Culture { get; }

    /// <summary>The page's <c>lang</c>.</summary>
    public string Tag => Culture.Name;
}

public static class SiteLanguageExtensions
{
    /// <summary>
    /// Every request is in the site's language: its UI culture picks the words and the formats of dates and numbers
    /// shown to people. The formatting culture stays invariant, so addresses, form values and stored numbers never
    /// change shape with the language.
    /// </summary>
    public static WebApplication UseSiteLanguage(this WebApplication app)
    {
        var language = app.Services.GetRequiredService<SiteLanguage>();
        // Start-up too: seeding, imports and other commands, and the background work started from here (it inherits
        // this), write what they store and send in the site's language.
        CultureInfo.CurrentUICulture = language.Culture;
        app.Use((context, next) =>
        {
            CultureInfo.CurrentUICulture = language.Culture;
            return next(context);
        });
        return app;
    }
}
