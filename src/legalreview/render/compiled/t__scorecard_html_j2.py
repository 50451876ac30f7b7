from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_scorecard.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_tier_badge = l_0_answer_badge = l_0_card = missing
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_5 = environment.filters['rejectattr']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'rejectattr' found.")
    pass
    included_template = environment.get_template('_macros.html.j2', '_scorecard.html.j2')._get_default_module(context)
    l_0_tier_badge = getattr(included_template, 'tier_badge', missing)
    if l_0_tier_badge is missing:
        l_0_tier_badge = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_scorecard.html.j2') does not export the requested name 'tier_badge'", name='tier_badge')
    l_0_answer_badge = getattr(included_template, 'answer_badge', missing)
    if l_0_answer_badge is missing:
        l_0_answer_badge = undefined(f"the template {included_template.__name__!r} (imported on line 3 in '_scorecard.html.j2') does not export the requested name 'answer_badge'", name='answer_badge')
    context.vars.update({'tier_badge': l_0_tier_badge, 'answer_badge': l_0_answer_badge})
    context.exported_vars.difference_update(('tier_badge', 'answer_badge'))
    def macro(l_1_p, l_1_site, l_1_in_report):
        t_6 = []
        l_1__ = resolve('_')
        l_1_waiting = missing
        if l_1_p is missing:
            l_1_p = undefined("parameter 'p' was not provided", name='p')
        if l_1_site is missing:
            l_1_site = undefined("parameter 'site' was not provided", name='site')
        if l_1_in_report is missing:
            l_1_in_report = False
        pass
        t_6.extend((
            '<header class="card-head">\n  <p class="kicker">',
            escape(environment.getattr(l_1_site, 'publisher')),
            ' · ',
            escape(environment.getattr(l_1_site, 'title')),
        ))
        if environment.getattr(l_1_site, 'edition'):
            pass
            t_6.extend((
                ' · ',
                escape(t_1(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), '%(edition)s review'), edition=environment.getattr(l_1_site, 'edition'))),
            ))
        t_6.extend((
            '</p>\n  <h1>',
            escape(environment.getattr(l_1_p, 'name')),
            ' <span class="code">',
            escape(environment.getattr(l_1_p, 'iso3')),
            '</span></h1>\n  <p class="sub">',
        ))
        if environment.getattr(l_1_p, 'region'):
            pass
            t_6.append(
                escape(environment.getattr(l_1_p, 'region')),
            )
            if environment.getattr(l_1_p, 'subregion'):
                pass
                t_6.extend((
                    ' · ',
                    escape(environment.getattr(l_1_p, 'subregion')),
                ))
            t_6.append(
                ' · ',
            )
        t_6.append(
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Scorecard')),
        )
        if environment.getattr(l_1_site, 'date'):
            pass
            t_6.extend((
                ' ',
                escape(t_1(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'as of %(date)s'), date=environment.getattr(l_1_site, 'date_text'))),
            ))
        t_6.append(
            '</p>\n</header>\n',
        )
        if environment.getattr(l_1_p, 'illustrative'):
            pass
            t_6.extend((
                '<div class="banner" role="note">⚠ ',
                escape(environment.getattr(l_1_site, 'banner')),
                '</div>',
            ))
        if environment.getattr(l_1_p, 'notes'):
            pass
            t_6.extend((
                '<p>',
                escape(environment.getattr(l_1_p, 'notes')),
                '</p>',
            ))
        t_6.extend((
            '\n<table class="data glance">\n  <caption>',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'At a glance')),
            '</caption>\n  <thead><tr><th scope="col">',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Criteria set')),
            '</th><th scope="col">',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Tier')),
            '</th><th scope="col" class="num">',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Met')),
            '</th><th scope="col">',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Edition')),
            '</th><th scope="col">',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Assessed on')),
            '</th><th scope="col">',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Status')),
            '</th></tr></thead>\n  <tbody>\n',
        ))
        for l_2_s in environment.getattr(l_1_p, 'sets'):
            _loop_vars = {}
            pass
            t_6.extend((
                '    <tr>\n      <th scope="row">',
                escape(environment.getattr(l_2_s, 'title')),
                '</th>\n',
            ))
            if environment.getattr(l_2_s, 'assessed'):
                pass
                t_6.extend((
                    '      <td>',
                    escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), environment.getattr(l_2_s, 'tier'), _loop_vars=_loop_vars)),
                    '</td><td class="num">',
                    escape(t_1(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), '%(met)s of %(n)s', _loop_vars=_loop_vars), met=environment.getattr(l_2_s, 'met'), n=environment.getattr(l_2_s, 'n_criteria'))),
                    '</td><td>',
                    escape(environment.getattr(l_2_s, 'edition')),
                    '</td><td>',
                    escape(environment.getattr(l_2_s, 'assessed_on_text')),
                    '</td><td>',
                    escape(environment.getattr(l_2_s, 'status_text')),
                    '</td>\n',
                ))
            else:
                pass
                t_6.extend((
                    '      <td colspan="5">',
                    escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), environment.getattr(l_2_s, 'tier'), _loop_vars=_loop_vars)),
                    '</td>\n',
                ))
            t_6.append(
                '    </tr>\n',
            )
        l_2_s = missing
        t_6.append(
            '  </tbody>\n</table>\n\n',
        )
        def t_7(fiter):
            for l_2_s in fiter:
                if environment.getattr(l_2_s, 'assessed'):
                    yield l_2_s
        for l_2_s in t_7(environment.getattr(l_1_p, 'sets')):
            _loop_vars = {}
            pass
            t_6.extend((
                '<section class="set">\n<h2>',
                escape(environment.getattr(l_2_s, 'title')),
                '</h2>\n<p class="meta">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Tier:', _loop_vars=_loop_vars)),
                ' ',
                escape(environment.call(context, (undefined(name='tier_badge') if l_0_tier_badge is missing else l_0_tier_badge), environment.getattr(l_2_s, 'tier'), _loop_vars=_loop_vars)),
                ' · ',
                escape(t_1(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), '%(met)s of %(n)s criteria met', _loop_vars=_loop_vars), met=environment.getattr(l_2_s, 'met'), n=environment.getattr(l_2_s, 'n_criteria'))),
                ' · ',
                escape(environment.getattr(l_2_s, 'edition')),
                ', ',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'assessed on', _loop_vars=_loop_vars)),
                ' ',
                escape(environment.getattr(l_2_s, 'assessed_on_text')),
                ' ',
                escape(t_1(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'by %(coder)s', _loop_vars=_loop_vars), coder=environment.getattr(l_2_s, 'coder'))),
                ' (',
                escape(environment.getattr(l_2_s, 'status_text')),
                ').</p>\n<p class="coded-for">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Coded for:', _loop_vars=_loop_vars)),
                ' <strong>',
                escape(environment.getattr(l_2_s, 'scope')),
                '</strong> · ',
            ))
            if environment.getattr(l_2_s, 'law_as_at'):
                pass
                t_6.append(
                    escape(environment.getattr(l_2_s, 'law_as_at')),
                )
            else:
                pass
                t_6.append(
                    escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'law as at: not stated (taken as the assessment date)', _loop_vars=_loop_vars)),
                )
            t_6.append(
                '.</p>\n',
            )
            if environment.getattr(l_2_s, 'summary'):
                pass
                t_6.extend((
                    '<p>',
                    escape(environment.getattr(l_2_s, 'summary')),
                    '</p>',
                ))
            t_6.extend((
                '<table class="data answers">\n  <thead><tr><th scope="col" class="crit">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Criterion', _loop_vars=_loop_vars)),
                '</th><th scope="col">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Answer', _loop_vars=_loop_vars)),
                '</th><th scope="col">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Provisions cited', _loop_vars=_loop_vars)),
                '</th></tr></thead>\n  <tbody>\n',
            ))
            for l_3_a in environment.getattr(l_2_s, 'answers'):
                _loop_vars = {}
                pass
                t_6.extend((
                    '    <tr>\n      <th scope="row" class="crit">',
                    escape(environment.getattr(l_3_a, 'id')),
                    ' ',
                    escape(environment.getattr(l_3_a, 'short')),
                    '</th>\n      <td class="ans-cell">',
                    escape(environment.call(context, (undefined(name='answer_badge') if l_0_answer_badge is missing else l_0_answer_badge), environment.getattr(l_3_a, 'answer'), _loop_vars=_loop_vars)),
                    '</td>\n      <td>\n',
                ))
                if environment.getattr(l_3_a, 'evidence'):
                    pass
                    t_6.append(
                        '<ul class="cites">',
                    )
                    for l_4_e in environment.getattr(l_3_a, 'evidence'):
                        _loop_vars = {}
                        pass
                        t_6.extend((
                            '<li>',
                            escape(environment.getattr(l_4_e, 'statute')),
                            ', ',
                            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'section', _loop_vars=_loop_vars)),
                            ' ',
                            escape(environment.getattr(l_4_e, 'section')),
                            '</li>',
                        ))
                    l_4_e = missing
                    t_6.append(
                        '</ul>',
                    )
                else:
                    pass
                    t_6.extend((
                        '<span class="muted">',
                        escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'No provision cited.', _loop_vars=_loop_vars)),
                        '</span>',
                    ))
                if environment.getattr(l_3_a, 'note'):
                    pass
                    t_6.extend((
                        '<p class="note">',
                        escape(environment.getattr(l_3_a, 'note')),
                        '</p>',
                    ))
                t_6.append(
                    '      </td>\n    </tr>\n',
                )
            l_3_a = missing
            t_6.append(
                '  </tbody>\n</table>\n',
            )
            if environment.getattr(l_2_s, 'gaps'):
                pass
                t_6.extend((
                    '<h3>',
                    escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Gaps and model provisions', _loop_vars=_loop_vars)),
                    '</h3>\n<div class="gaps">\n',
                ))
                for l_3_g in environment.getattr(l_2_s, 'gaps'):
                    _loop_vars = {}
                    pass
                    t_6.extend((
                        '  <div class="gap"><strong>',
                        escape(environment.getattr(l_3_g, 'id')),
                        ' ',
                        escape(environment.getattr(l_3_g, 'short')),
                        '</strong> — ',
                        escape(environment.call(context, (undefined(name='answer_badge') if l_0_answer_badge is missing else l_0_answer_badge), environment.getattr(l_3_g, 'answer'), _loop_vars=_loop_vars)),
                        '\n    <p class="model">',
                        escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Model provision:', _loop_vars=_loop_vars)),
                        ' ',
                        escape(environment.getattr(l_3_g, 'model_provision')),
                        '</p></div>\n',
                    ))
                l_3_g = missing
                t_6.append(
                    '</div>\n',
                )
            else:
                pass
                t_6.extend((
                    '<p>✓ ',
                    escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Every criterion in this set is met.', _loop_vars=_loop_vars)),
                    '</p>\n',
                ))
            t_6.append(
                '</section>\n',
            )
        l_2_s = missing
        l_1_waiting = t_3(context.eval_ctx, t_4(context, t_5(context, environment.getattr(l_1_p, 'sets'), 'assessed'), attribute='title'))
        if (undefined(name='waiting') if l_1_waiting is missing else l_1_waiting):
            pass
            t_6.extend((
                '<p class="not-assessed">',
                escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Not yet assessed against:')),
                ' ',
                escape(t_2(context.eval_ctx, (undefined(name='waiting') if l_1_waiting is missing else l_1_waiting), '; ')),
                '.</p>',
            ))
        t_6.extend((
            '\n<div class="cite">\n  <p><strong>',
            escape(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), 'Cite as:')),
            '</strong> ',
            escape(environment.getattr(environment.getattr(l_1_p, 'cite'), 'publisher')),
        ))
        if environment.getattr(environment.getattr(l_1_p, 'cite'), 'date'):
            pass
            t_6.extend((
                ' (',
                escape(environment.getattr(environment.getattr(l_1_p, 'cite'), 'date')[:4]),
                ')',
            ))
        t_6.extend((
            '. <cite>',
            escape(environment.getattr(environment.getattr(l_1_p, 'cite'), 'title')),
            '</cite>',
        ))
        if environment.getattr(environment.getattr(l_1_p, 'cite'), 'edition'):
            pass
            t_6.extend((
                ', ',
                escape(t_1(environment.call(context, (undefined(name='_') if l_1__ is missing else l_1__), '%(edition)s edition'), edition=environment.getattr(environment.getattr(l_1_p, 'cite'), 'edition'))),
            ))
        if environment.getattr(environment.getattr(l_1_p, 'cite'), 'date'):
            pass
            t_6.extend((
                ', ',
                escape(environment.getattr(environment.getattr(l_1_p, 'cite'), 'date')),
            ))
        t_6.append(
            '.',
        )
        if environment.getattr(environment.getattr(l_1_p, 'cite'), 'url'):
            pass
            t_6.extend((
                ' <a href="',
                escape(environment.getattr(environment.getattr(l_1_p, 'cite'), 'url')),
                '">',
                escape(environment.getattr(environment.getattr(l_1_p, 'cite'), 'url')),
                '</a>',
            ))
        else:
            pass
            t_6.extend((
                ' ',
                escape(environment.getattr(environment.getattr(l_1_p, 'cite'), 'local')),
            ))
        t_6.append(
            '</p>\n',
        )
        if (not l_1_in_report):
            pass
            t_6.extend((
                '<p class="how">Every answer above cites the statute and section it rests on; ',
                escape(environment.getattr(l_1_p, 'texts_note')),
                ", with the coder's notes",
            ))
            if environment.getattr(environment.getattr(l_1_p, 'cite'), 'url'):
                pass
                t_6.append(
                    ', at the address above',
                )
            t_6.append(
                '.</p>',
            )
        t_6.append(
            '</div>\n',
        )
        return concat(t_6)
    context.exported_vars.add('card')
    context.vars['card'] = l_0_card = Macro(environment, macro, 'card', ('p', 'site', 'in_report'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=42&4=51&6=64&7=76&8=81&10=107&11=114&14=123&15=125&17=138&19=143&20=146&21=150&23=165&30=175&32=184&33=186&34=202&35=220&37=229&39=236&41=241&42=245&44=248&45=276&51=290&52=294&54=297&55=302&56=308&60=321&64=328&65=329&68=340&69=389'

# Generated by `python3 -m legalreview.render.precompile` from templates/_scorecard.html.j2: do not edit.
