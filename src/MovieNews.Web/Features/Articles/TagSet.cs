namespace MovieNews.Web.Features.Articles;

/// <summary>The tags known so far in a bulk import, by slug; names seen for the first time become new tags.</summary>
public sealed class TagSet(IEnumerable<Tag> existing)
{
    public const int NameMaxLength = 60;
    private readonly Dictionary<string, Tag> _bySlug = existing.ToDictionary(t => t.Slug, StringComparer.Ordinal);

    /// <summary>One tag per distinct slug; names with no usable slug are skipped.</summary>
    public List<Tag> For(IEnumerable<string> names)
    {
        var tags = new List<Tag>();
        foreach (var name in names.Select(n => n.Trim()))
        {
            var slug = Slug.From(name);
            if (slug.Length == 0 || tags.Any(t => t.Slug == slug))
            {
                continue;
            }

            if (!_bySlug.TryGetValue(slug, out var tag))
            {
                tag = new Tag { Slug = slug, Name = name.Length > NameMaxLength ? name[..NameMaxLength] : name };
                _bySlug[slug] = tag;
            }

            tags.Add(tag);
        }

        return tags;
    }
}
