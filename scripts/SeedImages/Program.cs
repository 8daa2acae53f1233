using System.Globalization;
using MovieNews.Web.Features.Seeding;
using SkiaSharp;

// Draws one title card per seed article into seeds/images/<slug>.jpg: a two-colour gradient chosen from the
// slug, film-strip borders, a few soft spotlights and the article's title in large type. Nothing is taken from
// a film: every pixel is drawn here. Run from the repository root:
//   dotnet run --project scripts/SeedImages [-- <seeds folder> [<font file>]]
// With MOVIENEWS_CARD_PREVIEW=<folder> it also writes PNG copies there, for viewers that cannot open JPEG.
// It prints the front matter each article needs (image and imageAlt); the alt text describes what is drawn.
const int Width = 1600;
const int Height = 900;
const int Quality = 80;
const int MaxBytes = 150 * 1024;

var seeds = Path.GetFullPath(args.Length > 0 ? args[0] : "seeds");
var articles = Path.Combine(seeds, "articles");
if (!Directory.Exists(articles))
{
    Console.Error.WriteLine($"No seed articles at {articles}: run from the repository root or name the seeds folder.");
    return 1;
}

using var typeface = TitleCards.LoadTypeface(args.Length > 1 ? args[1] : null);
if (typeface is null)
{
    Console.Error.WriteLine("No bold sans-serif font found (tried DejaVu Sans Bold, Liberation Sans Bold): the cards will have shapes only.");
}

var images = Directory.CreateDirectory(Path.Combine(seeds, "images"));
var preview = Environment.GetEnvironmentVariable("MOVIENEWS_CARD_PREVIEW");
var tooLarge = 0;
var files = Directory.EnumerateFiles(articles, "*.md").Order(StringComparer.Ordinal).ToList();
for (var i = 0; i < files.Count; i++)
{
    var article = SeedArticleParser.Parse(Path.GetFileName(files[i]), File.ReadAllText(files[i]));
    // Colours go round in file order, so neighbours on the home page differ.
    var palette = TitleCards.Palettes[i % TitleCards.Palettes.Count];
    var bytes = TitleCards.Draw(article.Title, palette, typeface, Width, Height, Quality);
    var name = article.Slug + ".jpg";
    File.WriteAllBytes(Path.Combine(images.FullName, name), bytes);
    if (!string.IsNullOrEmpty(preview))
    {
        using var decoded = SKBitmap.Decode(bytes);
        using var png = decoded.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(preview).FullName, article.Slug + ".png"), png.ToArray());
    }
    if (bytes.Length > MaxBytes)
    {
        tooLarge++;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {bytes.Length} bytes"));
    Console.WriteLine($"  image: images/{name}");
    Console.WriteLine($"  imageAlt: \"{TitleCards.AltText(article.Title, palette, typeface is not null)}\"");
}

if (tooLarge > 0)
{
    Console.Error.WriteLine($"{tooLarge} card(s) are over {MaxBytes} bytes.");
    return 1;
}

return 0;

internal sealed record Palette(string Name, SKColor From, SKColor To, SKColor Accent);

internal static class TitleCards
{
    public static IReadOnlyList<Palette> Palettes { get; } =
    [
        new("deep blue to violet", new SKColor(0x12, 0x1E, 0x5B), new SKColor(0x6A, 0x1B, 0x9A), new SKColor(0xFF, 0xC8, 0x57)),
        new("crimson to dark plum", new SKColor(0xB7, 0x1C, 0x1C), new SKColor(0x3E, 0x0B, 0x3A), new SKColor(0xFF, 0xE0, 0x82)),
        new("teal to midnight blue", new SKColor(0x00, 0x79, 0x6B), new SKColor(0x0D, 0x1B, 0x3E), new SKColor(0xB2, 0xFF, 0xF0)),
        new("amber to burnt orange", new SKColor(0xC7, 0x7A, 0x00), new SKColor(0x8A, 0x2C, 0x0B), new SKColor(0xFF, 0xF3, 0xC4)),
        new("forest green to charcoal", new SKColor(0x1B, 0x5E, 0x20), new SKColor(0x1F, 0x23, 0x26), new SKColor(0xC5, 0xE1, 0xA5)),
        new("rose to indigo", new SKColor(0xC2, 0x18, 0x5B), new SKColor(0x28, 0x35, 0x93), new SKColor(0xFF, 0xD1, 0xDC)),
        new("slate to black", new SKColor(0x45, 0x5A, 0x64), new SKColor(0x0B, 0x0C, 0x10), new SKColor(0xFF, 0xB3, 0x00)),
        new("ocean blue to deep teal", new SKColor(0x15, 0x65, 0xC0), new SKColor(0x00, 0x3D, 0x40), new SKColor(0xFF, 0xF1, 0x76)),
    ];

    public static string AltText(string title, Palette palette, bool withTitle) => withTitle
        ? $"Title card reading “{title.TrimEnd(':')}” in large white letters on a gradient from {palette.Name}, between film-strip borders"
        : $"Title card: a gradient from {palette.Name} with soft spotlights between film-strip borders";

    public static SKTypeface? LoadTypeface(string? fontFile)
    {
        if (fontFile is not null)
        {
            return SKTypeface.FromFile(fontFile) ?? throw new FileNotFoundException("Not a font file Skia can read.", fontFile);
        }

        string[] candidates =
        [
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        ];
        foreach (var path in candidates.Where(File.Exists))
        {
            if (SKTypeface.FromFile(path) is { } typeface)
            {
                return typeface;
            }
        }

        var byName = SKFontManager.Default.MatchFamily("DejaVu Sans", SKFontStyle.Bold);
        if (byName is null)
        {
            return null;
        }

        using var probe = new SKFont(byName);
        return probe.ContainsGlyphs("Aa") ? byName : null;
    }

    public static byte[] Draw(string title, Palette palette, SKTypeface? typeface, int width, int height, int quality)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;

        using (var gradient = new SKPaint { IsAntialias = true })
        {
            gradient.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height), [palette.From, palette.To], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, gradient);
        }

        // Soft spotlights on the right, where the title does not reach.
        using (var light = new SKPaint { IsAntialias = true })
        {
            (float X, float Y, float R, byte Alpha)[] spots = [(0.82f, 0.3f, 330, 60), (0.95f, 0.75f, 220, 45), (0.68f, 0.85f, 150, 35)];
            foreach (var (x, y, r, alpha) in spots)
            {
                var centre = new SKPoint(x * width, y * height);
                light.Shader = SKShader.CreateRadialGradient(centre, r, [palette.Accent.WithAlpha(alpha), palette.Accent.WithAlpha(0)], SKShaderTileMode.Clamp);
                canvas.DrawCircle(centre, r, light);
            }
        }

        DrawFilmStrip(canvas, width, 0);
        DrawFilmStrip(canvas, width, height - FilmStripHeight);

        if (typeface is not null)
        {
            DrawTitle(canvas, title.TrimEnd(':'), palette, typeface, width, height);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private const int FilmStripHeight = 84;

    private static void DrawFilmStrip(SKCanvas canvas, int width, float top)
    {
        using var band = new SKPaint { Color = new SKColor(0x08, 0x08, 0x0C, 0xE6), IsAntialias = true };
        canvas.DrawRect(0, top, width, FilmStripHeight, band);
        using var hole = new SKPaint { Color = new SKColor(0xF5, 0xF0, 0xE6, 0xD0), IsAntialias = true };
        for (var x = 24f; x < width; x += 80)
        {
            canvas.DrawRoundRect(new SKRect(x, top + 22, x + 40, top + FilmStripHeight - 22), 6, 6, hole);
        }
    }

    private static void DrawTitle(SKCanvas canvas, string title, Palette palette, SKTypeface typeface, int width, int height)
    {
        const float margin = 120;
        var maxWidth = width - (2 * margin);
        var available = height - (2 * FilmStripHeight) - 200;

        // The largest size at which the title fits in at most four lines.
        var size = 132f;
        List<string> lines;
        using var font = new SKFont(typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        while (true)
        {
            font.Size = size;
            lines = Wrap(title, font, maxWidth);
            if ((lines.Count <= 4 && lines.Count * size * 1.15f <= available) || size <= 48)
            {
                break;
            }

            size -= 6;
        }

        var lineHeight = size * 1.15f;
        var block = (lines.Count * lineHeight) + 70;
        var y = ((height - block) / 2) + 40;

        using var label = new SKFont(typeface, 34);
        using var accent = new SKPaint { Color = palette.Accent, IsAntialias = true };
        canvas.DrawRect(margin, y - 12, 90, 8, accent);
        canvas.DrawText("MOVIENEWS", margin + 110, y, SKTextAlign.Left, label, accent);

        using var shadow = new SKPaint { Color = SKColors.Black.WithAlpha(110), IsAntialias = true, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, 6) };
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        y += 70 + size * 0.8f;
        foreach (var line in lines)
        {
            canvas.DrawText(line, margin + 4, y + 5, SKTextAlign.Left, font, shadow);
            canvas.DrawText(line, margin, y, SKTextAlign.Left, font, white);
            y += lineHeight;
        }
    }

    private static List<string> Wrap(string text, SKFont font, float maxWidth)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        return lines;
    }
}
