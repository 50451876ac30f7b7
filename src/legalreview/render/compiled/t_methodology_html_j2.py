from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'methodology.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_tier_badge = l_0_answer_badge = missing
    pass
    parent_template = environment.get_template('base.html.j2', 'methodology.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_macros.html.j2', 'methodology.html.j2')._get_default_module(context)
    l_0_tier_badge = getattr(included_template, 'tier_badge', missing)
    if l_0_tier_badge is missing:
        l_0_tier_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'methodology.html.j2') does not export the requested name 'tier_badge'", name='tier_badge')
    l_0_answer_badge = getattr(included_template, 'answer_badge', missing)
    if l_0_answer_badge is missing:
        l_0_answer_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'methodology.html.j2') does not export the requested name 'answer_badge'", name='answer_badge')
    context.vars.update({'tier_badge': l_0_tier_badge, 'answer_badge': l_0_answer_badge})
    context.exported_vars.difference_update(('tier_badge', 'answer_badge'))
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    pass
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Methodology', _block_vars=_block_vars))

def block_main(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0__ = resolve('_')
    l_0_sets = resolve('sets')
    try:
        t_1 = environment.filters['format']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'format' found.")
    pass
    yield '<h1>'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Methodology', _block_vars=_block_vars))
    yield '</h1>\n<p class="lede">'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Each jurisdiction\'s statutes are recorded once, with the provisions that matter quoted or summarised.\nCoders answer every criterion of a set on the set\'s scale; a "yes" or "partial" answer must cite at least one provision.\nA country\'s tier is the first tier whose rule its answers meet. Answers that are not known are kept apart from "no":\na country whose tier depends on them is shown as undetermined, with the tiers it could be in.\nWhere a country was assessed in several editions, tables show its latest edition.', _block_vars=_block_vars))
    yield '</p>\n<nav aria-label="'
    yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria sets', _block_vars=_block_vars))
    yield '"><ul class="inline">'
    for l_1_s in (undefined(name='sets') if l_0_sets is missing else l_0_sets):
        _loop_vars = {}
        pass
        yield '<li><a href="#'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</a></li>'
    l_1_s = missing
    yield '</ul></nav>\n'
    for l_1_s in (undefined(name='sets') if l_0_sets is missing else l_0_sets):
        _loop_vars = {}
        pass
        yield '<section aria-labelledby="'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">\n<h2 id="'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</h2>\n'
        if environment.getattr(l_1_s, 'description'):
            pass
            yield '<p>'
            yield escape(environment.getattr(l_1_s, 'description'))
            yield '</p>'
        yield '<p class="meta">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Source:', _loop_vars=_loop_vars))
        yield ' '
        yield escape(environment.getattr(environment.getattr(l_1_s, 'source'), 'publisher'))
        yield ', '
        if environment.getattr(environment.getattr(l_1_s, 'source'), 'url'):
            pass
            yield '<a href="'
            yield escape(environment.getattr(environment.getattr(l_1_s, 'source'), 'url'))
            yield '" rel="external noopener"><cite>'
            yield escape(environment.getattr(environment.getattr(l_1_s, 'source'), 'title'))
            yield '</cite></a>'
        else:
            pass
            yield '<cite>'
            yield escape(environment.getattr(environment.getattr(l_1_s, 'source'), 'title'))
            yield '</cite>'
        if environment.getattr(environment.getattr(l_1_s, 'source'), 'edition'):
            pass
            yield ', '
            yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), '%(edition)s edition', _loop_vars=_loop_vars), edition=environment.getattr(environment.getattr(l_1_s, 'source'), 'edition')))
        if environment.getattr(environment.getattr(l_1_s, 'source'), 'year'):
            pass
            yield ' ('
            yield escape(environment.getattr(environment.getattr(l_1_s, 'source'), 'year'))
            yield ')'
        yield '. '
        yield escape(t_1(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria set version %(version)s.', _loop_vars=_loop_vars), version=environment.getattr(l_1_s, 'version')))
        yield '</p>\n<div class="table-scroll" role="region" tabindex="0" aria-label="'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Answer scale', _loop_vars=_loop_vars))
        yield '"><table class="data">\n  <caption>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Answer scale', _loop_vars=_loop_vars))
        yield '</caption>\n  <thead><tr><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Answer', _loop_vars=_loop_vars))
        yield '</th><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Points', _loop_vars=_loop_vars))
        yield '</th><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Meaning', _loop_vars=_loop_vars))
        yield '</th></tr></thead>\n  <tbody>'
        for l_2_a in environment.getattr(l_1_s, 'scale'):
            l_2_answer_badge = resolve('answer_badge')
            _loop_vars = {}
            pass
            yield '<tr><th scope="row">'
            yield escape(environment.call(context, (undefined(name='answer_badge') if l_2_answer_badge is missing else l_2_answer_badge), l_2_a, _loop_vars=_loop_vars))
            yield '</th><td>'
            yield escape(environment.getattr(l_2_a, 'points'))
            yield '</td><td>'
            yield escape(environment.getattr(l_2_a, 'description'))
            yield '</td></tr>'
        l_2_a = l_2_answer_badge = missing
        yield '</tbody>\n</table></div>\n<h3>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Criteria', _loop_vars=_loop_vars))
        yield '</h3>\n'
        for l_2_c in environment.getattr(l_1_s, 'criteria_text'):
            _loop_vars = {}
            pass
            yield '<div class="criterion" id="'
            yield escape(environment.getattr(l_1_s, 'id'))
            yield '-'
            yield escape(environment.getattr(l_2_c, 'id'))
            yield '">\n<h4><a href="'
            yield escape(environment.getattr(l_2_c, 'href'))
            yield '">'
            yield escape(environment.getattr(l_2_c, 'id'))
            yield ' '
            yield escape(environment.getattr(l_2_c, 'short'))
            yield '</a></h4>\n<p>'
            yield escape(environment.getattr(l_2_c, 'question'))
            yield '</p>\n<details><summary>'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Guidance and model provision', _loop_vars=_loop_vars))
            yield '</summary><p>'
            yield escape(environment.getattr(l_2_c, 'guidance'))
            yield '</p><p class="model-text">'
            yield escape(environment.getattr(l_2_c, 'model_provision'))
            yield '</p></details>\n</div>\n'
        l_2_c = missing
        yield '<h3 id="'
        yield escape(environment.getattr(l_1_s, 'id'))
        yield '-counting">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'How answers count for tiers', _loop_vars=_loop_vars))
        yield '</h3>\n<ul class="counting">'
        for l_2_sentence in environment.getattr(l_1_s, 'counting'):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_2_sentence)
            yield '</li>'
        l_2_sentence = missing
        yield '</ul>\n<div class="table-scroll" role="region" tabindex="0" aria-label="'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier rules (the first rule a country meets is its tier)', _loop_vars=_loop_vars))
        yield '"><table class="data">\n  <caption>'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier rules (the first rule a country meets is its tier)', _loop_vars=_loop_vars))
        yield '</caption>\n  <thead><tr><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Tier', _loop_vars=_loop_vars))
        yield '</th><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Rule', _loop_vars=_loop_vars))
        yield '</th><th scope="col">'
        yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Notes', _loop_vars=_loop_vars))
        yield '</th></tr></thead>\n  <tbody>'
        for l_2_t in environment.getattr(l_1_s, 'tiers'):
            l_2_tier_badge = resolve('tier_badge')
            _loop_vars = {}
            pass
            yield '<tr><th scope="row">'
            yield escape(environment.call(context, (undefined(name='tier_badge') if l_2_tier_badge is missing else l_2_tier_badge), l_2_t, _loop_vars=_loop_vars))
            yield '</th><td>'
            yield escape(environment.getattr(l_2_t, 'rule'))
            yield '</td><td>'
            yield escape(environment.getattr(l_2_t, 'description'))
            yield '</td></tr>'
        l_2_t = l_2_tier_badge = missing
        yield '</tbody>\n</table></div>\n'
        if environment.getattr(l_1_s, 'all_editions'):
            pass
            yield '<div class="table-scroll" role="region" tabindex="0" aria-label="'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Editions of the source report', _loop_vars=_loop_vars))
            yield '"><table class="data">\n  <caption>'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Editions of the source report', _loop_vars=_loop_vars))
            yield '</caption>\n  <thead><tr><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Edition', _loop_vars=_loop_vars))
            yield '</th><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Year', _loop_vars=_loop_vars))
            yield '</th><th scope="col">'
            yield escape(environment.call(context, (undefined(name='_') if l_0__ is missing else l_0__), 'Notes', _loop_vars=_loop_vars))
            yield '</th></tr></thead>\n  <tbody>'
            for l_2_e in environment.getattr(l_1_s, 'all_editions'):
                _loop_vars = {}
                pass
                yield '<tr><th scope="row">'
                yield escape(environment.getattr(l_2_e, 'label'))
                yield '</th><td>'
                yield escape(environment.getattr(l_2_e, 'year'))
                yield '</td><td>'
                yield escape(environment.getattr(l_2_e, 'note'))
                yield '</td></tr>'
            l_2_e = missing
            yield '</tbody>\n</table></div>\n'
        yield '</section>\n'
    l_1_s = missing

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=13&2=16&3=27&4=38&5=55&6=57&11=59&12=71&13=75&14=77&15=81&16=87&17=115&18=117&19=119&20=125&22=138&23=140&24=144&25=148&26=154&27=156&30=164&31=168&32=176&33=178&34=180&35=186&37=199&38=202&39=204&40=206&41=212'

# Generated by `python3 -m legalreview.render.precompile` from templates/methodology.html.j2: do not edit.
