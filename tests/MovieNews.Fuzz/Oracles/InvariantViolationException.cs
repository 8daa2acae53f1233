namespace MovieNews.Fuzz.Oracles;

/// <summary>Output that ran without an exception but broke a promise (markup outside the allowlist, a hidden character): a finding like a crash.</summary>
public sealed class InvariantViolationException(string message) : Exception(message);
