def init_app(app) -> None:
    from consult.auth.views import auth_blueprint

    app.register_blueprint(auth_blueprint)
