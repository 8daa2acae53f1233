# Varnish in front of MovieNews (docs/operations.md, "Behind a caching proxy"). Tested by the end-to-end test
# SharedProxyTests, which puts this file in front of a real app process with the backend's port filled in.
#
# What the app does for it: reader pages that any visitor may share say so (Cache-Control: public, s-maxage),
# name their cache tags in Surrogate-Key, and vary on Cookie (a reader with one of the site's cookies gets a
# private page, never stored). With Caching:PurgeUrls set to this proxy's address, every eviction in the app is
# sent here as "PURGE /" with the tag in Surrogate-Key, and this file bans every object carrying that tag.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "5000";
}

# Only the app's instances may purge. List their addresses here.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Not allowed to purge."));
        }
        # Tags are made of letters, digits, ':', '-' and '_' (reader, lists, article:12): anything else is refused
        # rather than put into a ban expression.
        if (req.http.Surrogate-Key !~ "^[A-Za-z0-9:_-]+$") {
            return (synth(400, "Name one cache tag in Surrogate-Key."));
        }
        ban("obj.http.Surrogate-Key ~ (^|\s)" + req.http.Surrogate-Key + "($|\s)");
        return (synth(200, "Purged."));
    }
}

sub vcl_deliver {
    # Tags are for this cache; readers need not see them.
    unset resp.http.Surrogate-Key;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
