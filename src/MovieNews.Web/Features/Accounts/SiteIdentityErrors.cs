using Microsoft.AspNetCore.Identity;
using MovieNews.Web.Features.Site;

namespace MovieNews.Web.Features.Accounts;

/// <summary>
/// The account errors people can meet (password rules, a taken or malformed address, a wrong current password) in the
/// site's language. Identity's own English stays as it is when the site has no other words for it.
/// </summary>
public sealed class SiteIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Words(base.DefaultError(), "An unknown failure has occurred.");

    public override IdentityError ConcurrencyFailure() =>
        Words(base.ConcurrencyFailure(), "Someone else changed this account at the same time: load the page again and retry.");

    public override IdentityError PasswordMismatch() => Words(base.PasswordMismatch(), "Incorrect password.");

    public override IdentityError InvalidToken() => Words(base.InvalidToken(), "Invalid token.");

    public override IdentityError InvalidUserName(string? userName) =>
        Words(base.InvalidUserName(userName), "Username '{0}' is invalid, can only contain letters or digits.", userName ?? "");

    public override IdentityError InvalidEmail(string? email) => Words(base.InvalidEmail(email), "Email '{0}' is invalid.", email ?? "");

    public override IdentityError DuplicateUserName(string userName) =>
        Words(base.DuplicateUserName(userName), "Username '{0}' is already taken.", userName);

    public override IdentityError DuplicateEmail(string email) => Words(base.DuplicateEmail(email), "Email '{0}' is already taken.", email);

    public override IdentityError PasswordTooShort(int length) =>
        Words(base.PasswordTooShort(length), "Passwords must be at least {0} characters.", length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Words(base.PasswordRequiresUniqueChars(uniqueChars), "Passwords must use at least {0} different characters.", uniqueChars);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Words(base.PasswordRequiresNonAlphanumeric(), "Passwords must have at least one non alphanumeric character.");

    public override IdentityError PasswordRequiresDigit() => Words(base.PasswordRequiresDigit(), "Passwords must have at least one digit ('0'-'9').");

    public override IdentityError PasswordRequiresLower() =>
        Words(base.PasswordRequiresLower(), "Passwords must have at least one lowercase ('a'-'z').");

    public override IdentityError PasswordRequiresUpper() =>
        Words(base.PasswordRequiresUpper(), "Passwords must have at least one uppercase ('A'-'Z').");

    /// <summary>Identity's error with the site's words when it has them; its code is kept, since handlers match on it.</summary>
    private static IdentityError Words(IdentityError identity, string english, params object[] values)
    {
        var words = SiteText.Get(english);
        return words == english
            ? identity
            : new IdentityError { Code = identity.Code, Description = SiteText.Format(english, values) };
    }
}
