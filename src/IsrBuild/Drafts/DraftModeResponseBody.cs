namespace IsrBuild.Drafts;

/// <summary>The JSON the draft route answers when it does not redirect: <c>{"draftMode": false, "message": "..."}</c>.</summary>
internal sealed record DraftModeResponseBody(bool DraftMode, string Message);
