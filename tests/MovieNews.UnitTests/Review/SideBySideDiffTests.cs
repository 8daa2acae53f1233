using AngleSharp.Html.Parser;
using MovieNews.Web.Features.Review;

namespace MovieNews.UnitTests.Review;

public sealed class SideBySideDiffTests
{
    private static AngleSharp.Dom.IElement Table(string before, string after)
    {
        using var writer = new StringWriter();
        SideBySideDiff.Render(before, after, "Body: before and after").WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return new HtmlParser().ParseDocument(writer.ToString()).QuerySelector("table.diff")!;
    }

    [Fact]
    public void A_changed_phrase_is_struck_on_the_left_and_underlined_on_the_right()
    {
        var table = Table("Filming starts in May.", "Filming starts in late June.");

        Assert.Equal("May", Assert.Single(table.QuerySelectorAll("del")).TextContent);
        Assert.Equal("late June", Assert.Single(table.QuerySelectorAll("ins")).TextContent);
    }

    [Fact]
    public void Text_that_looks_like_markup_is_shown_not_run()
    {
        var table = Table("Safe line.", "Safe line.\n<script>alert(1)</script><img src=x onerror=alert(2)>");

        Assert.Empty(table.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert(1)</script>", table.QuerySelector(".diff-ins")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_unchanged_stretches_fold_to_a_count()
    {
        var lines = Enumerable.Range(1, 30).Select(i => $"Line {i}.").ToList();
        var changed = lines.ToList();
        changed[14] = "Line fifteen.";

        var table = Table(string.Join("\n", lines), string.Join("\n", changed));

        Assert.Equal(["12 unchanged lines", "13 unchanged lines"], table.QuerySelectorAll(".diff-fold").Select(f => f.TextContent).ToArray());
        Assert.Equal(5, table.QuerySelectorAll("tbody tr:not(.diff-fold)").Length);
    }

    [Fact]
    public void An_added_line_faces_an_empty_cell()
    {
        var table = Table("One.\nTwo.", "One.\nOne and a half.\nTwo.");

        var row = table.QuerySelector("td.diff-ins")!.ParentElement!;
        Assert.Equal("diff-empty", row.QuerySelector("td")!.ClassName);
        Assert.Equal("One and a half.", row.QuerySelector("ins")!.TextContent);
    }

    [Fact]
    public void Line_endings_alone_are_no_change()
    {
        Assert.True(SideBySideDiff.Same("One.\r\nTwo.", "One.\nTwo."));
        Assert.False(SideBySideDiff.Same("One.", "One!"));
    }
}
