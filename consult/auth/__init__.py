"""Staff accounts: users, roles and area scopes, sign-in, profiles and the administrators' pages."""
