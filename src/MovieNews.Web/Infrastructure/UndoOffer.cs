using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.WebUtilities;

namespace MovieNews.Web.Infrastructure;

/// <summary>
/// An action that takes something away from readers (trash, spam, unpublish) offers to undo it on the next page: a
/// button posting the opposite action, shown under the message by the admin layout.
/// </summary>
public static class UndoOffer
{
    private const string LabelKey = "UndoLabel";
    private const string ActionKey = "UndoAction";
    private const string FieldsKey = "UndoFields";

    public static void Offer(ITempDataDictionary tempData, string label, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        tempData[LabelKey] = label;
        tempData[ActionKey] = action;
        tempData[FieldsKey] = QueryString.Create(fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value))).ToString();
    }

    public sealed record Form(string Label, string Action, IReadOnlyList<KeyValuePair<string, string>> Fields);

    /// <summary>The offer for this page, if the last action made one (read once, like the message).</summary>
    public static Form? Take(ITempDataDictionary tempData)
    {
        if (tempData[LabelKey] is not string label || tempData[ActionKey] is not string action || !action.StartsWith("/admin/", StringComparison.Ordinal))
        {
            return null;
        }

        var fields = QueryHelpers.ParseQuery(tempData[FieldsKey] as string)
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? string.Empty)))
            .ToList();
        return new Form(label, action, fields);
    }
}
