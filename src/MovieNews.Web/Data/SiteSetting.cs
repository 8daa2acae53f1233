using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MovieNews.Web.Data;

/// <summary>A named value the site keeps for itself (generated secrets, settings editors change at run time).</summary>
public sealed class SiteSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

internal sealed class SiteSettingConfiguration : IEntityTypeConfiguration<SiteSetting>
{
    public void Configure(EntityTypeBuilder<SiteSetting> setting)
    {
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(100);
    }
}
